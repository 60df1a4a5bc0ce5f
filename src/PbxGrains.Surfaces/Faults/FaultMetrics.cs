using System.Diagnostics.Metrics;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Telemetry;

namespace PbxGrains.Surfaces.Faults;

/// <summary>
/// <c>pbx.faults.injected</c>: every fault injected on purpose, by tenant, surface and kind, so that a dashboard and a
/// load report can tell them from real errors (<c>pbx.api.requests</c> counts them too, by their status).
/// </summary>
public sealed class FaultMetrics
{
    private readonly Counter<long> _injected;

    public FaultMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ApiRequestMetrics.MeterName);
        _injected = meter.CreateCounter<long>("pbx.faults.injected", "{fault}", "Faults injected on purpose, by tenant, surface and kind.");
    }

    public void Injected(string tenant, string surface, FaultKind kind) =>
        _injected.Add(
            1,
            new KeyValuePair<string, object?>("tenant", tenant),
            new KeyValuePair<string, object?>("surface", surface),
            new KeyValuePair<string, object?>("kind", FaultNames.Of(kind)));
}
