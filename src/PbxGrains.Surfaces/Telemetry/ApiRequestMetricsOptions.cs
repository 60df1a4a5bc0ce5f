namespace PbxGrains.Surfaces.Telemetry;

/// <summary>Which first path segments count as surfaces of their own in <c>pbx.api.requests</c>.</summary>
public sealed class ApiRequestMetricsOptions
{
    /// <summary>The tag value of requests whose first segment is not a known surface.</summary>
    public const string OtherSurface = "other";

    /// <summary>
    /// Known surfaces; any other first segment is counted as <see cref="OtherSurface"/>, because a tag value taken
    /// from arbitrary request paths would let a scanner create unbounded metric series. Surfaces add their own.
    /// </summary>
    public HashSet<string> Surfaces { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "ipps", "api", "xml", "pbxapi", "sim", "health", "metrics", "openapi",
    };
}
