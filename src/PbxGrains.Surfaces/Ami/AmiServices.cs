using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.Ami;

/// <summary>What every manager connection of the process shares: the call model, the tenants' users and event streams, the metrics.</summary>
public sealed class AmiServices(
    PbxClient pbx,
    AmiTenants tenants,
    AmiEventStreams streams,
    AmiMetrics metrics,
    IOptions<AmiOptions> options,
    ILogger<AmiServices> logger)
{
    /// <summary>When this process started serving the manager interface (FullyBooted's <c>Uptime</c>).</summary>
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public PbxClient Pbx => pbx;

    public AmiTenants Tenants => tenants;

    public AmiEventStreams Streams => streams;

    public AmiMetrics Metrics => metrics;

    public AmiOptions Options => options.Value;

    public ILogger Logger => logger;
}
