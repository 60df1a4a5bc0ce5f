using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PbxGrains.Host.Health;

/// <summary>
/// Part of ready: a host that has begun to stop is not ready any more, from the first moment of shutdown
/// (<see cref="IHostApplicationLifetime.ApplicationStopping"/>) rather than when its silo has left the cluster. Kubernetes
/// then takes the pod out of the Service while the silo still hands its grains over, so no new request is sent to a
/// process on its way out.
/// </summary>
public sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The host is stopping: it finishes what it holds and takes no new work.")
            : HealthCheckResult.Healthy("The host is running."));
}
