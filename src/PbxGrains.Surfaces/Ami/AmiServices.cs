using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Client;
using PbxGrains.Surfaces.Faults;

namespace PbxGrains.Surfaces.Ami;

/// <summary>What every manager connection of the process shares: the call model, the tenants' users and event streams, the metrics.</summary>
public sealed class AmiServices(
    PbxClient pbx,
    AmiTenants tenants,
    AmiEventStreams streams,
    AmiMetrics metrics,
    FaultInjector faults,
    IOptions<AmiOptions> options,
    ILogger<AmiServices> logger)
{
    /// <summary>When this process started serving the manager interface (FullyBooted's <c>Uptime</c>).</summary>
    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public PbxClient Pbx => pbx;

    public AmiTenants Tenants => tenants;

    public AmiEventStreams Streams => streams;

    public AmiMetrics Metrics => metrics;

    public FaultInjector Faults => faults;

    public AmiOptions Options => options.Value;

    public ILogger Logger => logger;
}
