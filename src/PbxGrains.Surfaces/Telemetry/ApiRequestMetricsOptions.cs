namespace PbxGrains.Surfaces.Telemetry;

/// <summary>
/// Which first path segments of the host's own endpoints count apart in <c>pbx.api.requests</c>. A vendor surface's
/// requests count under its name, from its endpoints' metadata, not by their path.
/// </summary>
public sealed class ApiRequestMetricsOptions
{
    /// <summary>The tag value of requests whose first segment is not a known surface.</summary>
    public const string OtherSurface = "other";

    /// <summary>
    /// Known segments; any other first segment is counted as <see cref="OtherSurface"/>, because a tag value taken
    /// from arbitrary request paths would let a scanner create unbounded metric series.
    /// </summary>
    public HashSet<string> HostSegments { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "sim", "health", "metrics", "openapi",
    };
}
