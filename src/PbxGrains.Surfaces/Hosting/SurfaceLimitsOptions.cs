namespace PbxGrains.Surfaces.Hosting;

/// <summary>Limits on what a request to a vendor surface may send (<c>Pbx:Limits</c>).</summary>
public sealed class SurfaceLimitsOptions
{
    public const string Section = "Pbx:Limits";

    /// <summary>
    /// The largest request body a vendor surface reads, in bytes (<c>Pbx:Limits:SurfaceRequestBodyBytes</c>, 1 MiB by
    /// default). The vendors' requests are a few parameters; the server's own limit (Kestrel's 30 MB) would let every
    /// request make a surface parse a 30 MB form. A larger body is refused with 413 in the surface's error format.
    /// </summary>
    public long SurfaceRequestBodyBytes { get; set; } = 1024 * 1024;
}
