using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PbxGrains.Host.Health;

public sealed class StartupHealthCheck(StartupGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsOpen
            ? HealthCheckResult.Healthy("Started; scenarios loaded.")
            : HealthCheckResult.Unhealthy("Starting: scenarios are still loading."));
}
