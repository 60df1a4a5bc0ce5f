using System.Diagnostics.Metrics;

namespace PbxGrains.Surfaces.Telemetry;

/// <summary>The <c>pbx.api.requests</c> counter of the stateless tier, on the <c>PbxGrains</c> meter.</summary>
public sealed class ApiRequestMetrics
{
    /// <summary>The same meter name as the silo's call-model metrics, so one Prometheus job sees both.</summary>
    public const string MeterName = "PbxGrains";

    private readonly Counter<long> _requests;

    public ApiRequestMetrics(IMeterFactory meters)
    {
        // The factory owns (and disposes) the meter.
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("pbx.api.requests", "{request}", "API requests, by surface and status code.");
    }

    public void RequestCompleted(string surface, int statusCode) =>
        _requests.Add(
            1,
            new KeyValuePair<string, object?>("surface", surface),
            new KeyValuePair<string, object?>("status", statusCode));
}
