namespace PbxGrains.Host.Api.Events;

/// <summary>
/// The bounds of the tenants' event streams (<c>GET /sim/tenants/{tenant}/events</c>, what the wallboard follows). A
/// stream costs a slot in its tenant's fan-out and a buffer; the tenant's subscription to the call-event feed is one per
/// process whatever the number of streams.
/// </summary>
public sealed class EventStreamOptions
{
    public const string SectionName = "Pbx:EventStreams";

    /// <summary>Open streams of one tenant in this process; one more is 429.</summary>
    public int MaxStreamsPerTenant { get; set; } = 20;

    /// <summary>Open streams of all tenants in this process; one more is 429.</summary>
    public int MaxStreams { get; set; } = 500;

    /// <summary>
    /// Deliveries (each one batch of events, one JSON array) a stream may have waiting for its client. A client that
    /// falls this far behind is told so (<c>event: overrun</c>) and the stream ends: it reconnects and starts from a
    /// fresh snapshot, rather than the process holding an unbounded backlog for it.
    /// </summary>
    public int BufferedBatches { get; set; } = 256;

    /// <summary>How often an idle stream sends a <c>ping</c> event, so proxies keep it and a gone client is noticed.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    public static IEnumerable<string> Check(EventStreamOptions options, string section)
    {
        if (options.MaxStreamsPerTenant < 1)
        {
            yield return $"{section}:MaxStreamsPerTenant must be at least 1.";
        }

        if (options.MaxStreams < 1)
        {
            yield return $"{section}:MaxStreams must be at least 1.";
        }

        if (options.BufferedBatches < 1)
        {
            yield return $"{section}:BufferedBatches must be at least 1.";
        }

        if (options.HeartbeatSeconds < 1)
        {
            yield return $"{section}:HeartbeatSeconds must be at least 1.";
        }
    }
}
