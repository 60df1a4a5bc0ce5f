using PbxGrains.Abstractions.Contracts;
using System.Diagnostics.Metrics;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Grains.Hosting;

/// <summary>
/// The <c>PbxGrains</c> meter of a silo: live channels by state, live calls, queue callers waiting, and how late
/// timers fire (<see cref="TimerLag"/>'s last window). Grains report changes as deltas, so the instruments cost an add
/// each and no grain is ever asked for a count.
/// </summary>
public sealed class PbxMetrics : IDisposable
{
    public const string MeterName = "PbxGrains";

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _channels;
    private readonly UpDownCounter<long> _calls;
    private readonly UpDownCounter<long> _queueWaiting;
    private readonly Counter<long> _callsEnded;
    private readonly Counter<long> _callsMigrated;
    private readonly Counter<long> _callsMigrationFailed;
    private readonly Counter<long> _queueMessagesOutOfOrder;
    private readonly Counter<long> _telephonyFaults;
    private readonly Counter<long> _queueAnswered;
    private readonly Counter<long> _queueAbandoned;
    private long _queueMessagesOutOfOrderTotal;

    public PbxMetrics(IMeterFactory meters, TimerLag lag)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("pbx.clock.timer_lag", () => lag.Latest.MeanLateReal.TotalSeconds, "s",
            "How late timers fired in the last window, on average, in real seconds (× the clock's speed in simulated time).");
        _meter.CreateObservableGauge("pbx.clock.timer_lag.max", () => lag.Latest.MaxLateReal.TotalSeconds, "s",
            "The latest a timer fired in the last window, in real seconds.");
        _meter.CreateObservableGauge("pbx.clock.timer_lag.simulated", () => lag.Latest.MeanLate.TotalSeconds, "s",
            "How late timers fired in the last window, on average, in simulated seconds.");
        _channels = _meter.CreateUpDownCounter<long>("pbx.channels.live", "{channel}", "Live channels by state.");
        _calls = _meter.CreateUpDownCounter<long>("pbx.calls.live", "{call}", "Live calls.");
        _queueWaiting = _meter.CreateUpDownCounter<long>("pbx.queue.callers.waiting", "{caller}", "Callers waiting in queues.");
        _callsEnded = _meter.CreateCounter<long>("pbx.calls.ended", "{call}", "Calls ended, by disposition.");
        _callsMigrated = _meter.CreateCounter<long>("pbx.calls.migrated", "{call}",
            "Live calls that arrived on this silo from a silo that stopped gracefully (or were moved on request).");
        _callsMigrationFailed = _meter.CreateCounter<long>("pbx.calls.migration_failed", "{call}",
            "Live calls that were to move off this stopping silo and could not (no other silo, no time left): they ended.");
        _telephonyFaults = _meter.CreateCounter<long>("pbx.faults.telephony", "{fault}",
            "Telephony faults injected on purpose into calls (trunk down or lossy, phones not answering, drops), by tenant and kind.");
        _queueMessagesOutOfOrder = _meter.CreateCounter<long>("pbx.queue.messages.out_of_order", "{message}",
            "Messages a queue received carrying an instant earlier than an event it had already handled: taken late, in the wrong order.");
        _queueAnswered = _meter.CreateCounter<long>("pbx.queue.calls.answered", "{call}",
            "Queue callers answered by a member, by whether they waited at most the queue's service level (service_level: within | beyond).");
        _queueAbandoned = _meter.CreateCounter<long>("pbx.queue.calls.abandoned", "{call}", "Queue callers who hung up while waiting.");
    }

    public void TelephonyFaultFired(string tenant, FaultKind kind) =>
        _telephonyFaults.Add(1, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("kind", FaultKinds.NameOf(kind)));

    public void ChannelStateChanged(ChannelState? from, ChannelState? to)
    {
        if (from == to)
        {
            return;
        }

        if (from is { } f)
        {
            _channels.Add(-1, new KeyValuePair<string, object?>("state", f.ToString()));
        }

        if (to is { } t)
        {
            _channels.Add(1, new KeyValuePair<string, object?>("state", t.ToString()));
        }
    }

    public void CallStarted() => _calls.Add(1);

    public void CallEnded(CdrDisposition disposition)
    {
        _calls.Add(-1);
        _callsEnded.Add(1, new KeyValuePair<string, object?>("disposition", disposition.ToString()));
    }

    /// <summary>A live call left this silo for another: its part of the live gauge goes with it, and nothing ended.</summary>
    public void CallMovedAway() => _calls.Add(-1);

    /// <summary>A live call arrived from another silo: it is live here now, and was counted as started where it started.</summary>
    public void CallMovedHere()
    {
        _calls.Add(1);
        _callsMigrated.Add(1);
    }

    /// <summary>A live call that was to move off this stopping silo could not (it also ends: <see cref="CallEnded"/>).</summary>
    public void CallMigrationFailed() => _callsMigrationFailed.Add(1);

    /// <summary>
    /// Messages queues in this silo received out of order (see <see cref="QueueMessageOutOfOrder"/>), since the silo
    /// started: what a study reads to know how far a scaled run could leave the exact sample path.
    /// </summary>
    public long QueueMessagesOutOfOrder => Interlocked.Read(ref _queueMessagesOutOfOrderTotal);

    /// <summary>
    /// A queue received a message whose instant is earlier than an event it had already handled: the host fell behind
    /// and messages from different calls crossed. What the queue decided in between cannot be undone.
    /// </summary>
    public void QueueMessageOutOfOrder()
    {
        Interlocked.Increment(ref _queueMessagesOutOfOrderTotal);
        _queueMessagesOutOfOrder.Add(1);
    }

    /// <summary>
    /// A queue counted an answer in its statistics. A counter per outcome, not a gauge of each queue's percentage:
    /// Prometheus divides the rates into a service level over any window, across queues and silos, without asking a
    /// grain, and a queue's statistics reset does not disturb it.
    /// </summary>
    public void QueueCallAnswered(bool withinServiceLevel) =>
        _queueAnswered.Add(1, new KeyValuePair<string, object?>("service_level", withinServiceLevel ? "within" : "beyond"));

    /// <summary>A queue counted a waiting caller's hang-up in its statistics.</summary>
    public void QueueCallAbandoned() => _queueAbandoned.Add(1);

    public void QueueWaitingChanged(int delta)
    {
        if (delta != 0)
        {
            _queueWaiting.Add(delta);
        }
    }

    public void Dispose() => _meter.Dispose();
}
