using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Host.Health;

/// <summary>
/// Ready means requests can be served: the local silo (when this process hosts one) is active in the cluster and a
/// trivial grain call comes back in time.
/// </summary>
public sealed class SiloReadyHealthCheck(IServiceProvider services, IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan GrainCallTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // An API-only process has no local silo; only the grain call tells whether the cluster answers.
        if (services.GetService<ILocalSiloDetails>() is { } silo && services.GetService<IClusterMembershipService>() is { } membership)
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            if (status != SiloStatus.Active)
            {
                return HealthCheckResult.Unhealthy($"The silo is {status}.");
            }
        }

        try
        {
            await grains.GetGrain<ITenantDirectoryGrain>(0).ListAsync().WaitAsync(GrainCallTimeout, cancellationToken);
            return HealthCheckResult.Healthy("The silo is active and grains answer.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("A grain call failed.", e);
        }
    }
}
