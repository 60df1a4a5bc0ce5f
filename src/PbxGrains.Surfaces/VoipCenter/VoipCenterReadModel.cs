using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// Which tenant a customer number (<c>knummer</c>) is, with its VoipCenter settings: a per-process
/// <see cref="TenantCredentialDirectory"/> over every tenant's <c>surfaces.voipcenter.knummer</c>, so a request does
/// not ask every tenant who it belongs to.
/// </summary>
public sealed class VoipCenterReadModel(IGrainFactory grains, [FromKeyedServices(VoipCenterServices.ClockKey)] TimeProvider time, ILogger<VoipCenterReadModel> logger)
{
    private readonly TenantCredentialDirectory _customers = new(grains, VoipCenterSettings.SurfaceName, VoipCenterSettings.KnummerKey, time, logger);

    /// <summary>The tenant whose customer number is <paramref name="knummer"/>, and its settings; null when none is.</summary>
    public async Task<(string Tenant, VoipCenterSettings Settings)?> FindCustomerAsync(string knummer) =>
        await _customers.FindAsync(knummer) is { } customer ? (customer.Tenant, VoipCenterSettings.Of(customer.Settings)) : null;
}
