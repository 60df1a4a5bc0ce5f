using PbxGrains.Load.Cli;

namespace PbxGrains.Load.Scenarios;

/// <summary>The measurement options every poll scenario shares.</summary>
public sealed record PollTiming(TimeSpan Warmup, TimeSpan Duration, TimeSpan Timeout, double BaselineShare, double P99Limit)
{
    public static PollTiming Read(LoadOptions o, double defaultDuration = 60) => new(
        o.Seconds("warmup", 10, 0, 3600, "seconds of load before recording starts (not recorded)"),
        o.Seconds("duration", defaultDuration, 0.5, 24 * 3600, "seconds recorded"),
        o.Seconds("timeout", 5, 0.1, 600, "seconds after its due time before a request counts as a timeout"),
        o.Number("baseline-share", 0.2, 0.01, 10, "baseline requests per target request, interleaved in the same schedule"),
        o.Number("p99-ms", 30, 0.001, 1e6, "threshold: a target's p99 latency in ms (the Taridium document's 30 ms)"));
}
