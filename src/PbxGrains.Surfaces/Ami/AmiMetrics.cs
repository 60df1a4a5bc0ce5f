using System.Diagnostics.Metrics;
using PbxGrains.Surfaces.Telemetry;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// The manager interface's instruments on the <c>PbxGrains</c> meter, beside <c>pbx.api.requests</c>: connections
/// open, actions by name and response, events sent and events dropped with a consumer that fell behind.
/// </summary>
public sealed class AmiMetrics
{
    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _actions;
    private readonly Counter<long> _eventsSent;
    private readonly Counter<long> _eventsDropped;
    private readonly Counter<long> _slowConsumers;

    public AmiMetrics(IMeterFactory meters)
    {
        // The factory owns (and disposes) the meter.
        var meter = meters.Create(ApiRequestMetrics.MeterName);
        _connections = meter.CreateUpDownCounter<long>("pbx.ami.connections", "{connection}", "Manager (AMI) connections open.");
        _actions = meter.CreateCounter<long>("pbx.ami.actions", "{action}", "Manager actions answered, by action and response.");
        _eventsSent = meter.CreateCounter<long>("pbx.ami.events.sent", "{event}", "Manager events queued to sessions.");
        _eventsDropped = meter.CreateCounter<long>("pbx.ami.events.dropped", "{event}", "Manager events lost with a session dropped for falling behind.");
        _slowConsumers = meter.CreateCounter<long>("pbx.ami.slow_consumers", "{connection}", "Manager sessions dropped for falling behind.");
    }

    public void Connected() => _connections.Add(1);

    public void Disconnected() => _connections.Add(-1);

    /// <summary>One action answered; <paramref name="action"/> is a known action's name (an unknown one counts as <c>unknown</c>).</summary>
    public void Action(string action, string response) =>
        _actions.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("response", response));

    public void EventsSent(long count) => _eventsSent.Add(count);

    public void SlowConsumer(long eventsDropped)
    {
        _slowConsumers.Add(1);
        _eventsDropped.Add(eventsDropped);
    }
}
