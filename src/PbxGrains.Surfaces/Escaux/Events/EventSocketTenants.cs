using Microsoft.Extensions.Options;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>
/// Which tenant a socket follows: the Escaux surface's default tenant (<c>Pbx:Surfaces:escaux:DefaultTenant</c>, else
/// <c>Pbx:DefaultTenant</c>, as for the HTTP API, so both halves of the document's API see one PBX) until it names one, and whether a named
/// one exists (from the per-process settings read model, so a burst of logins does not reach the tenant grain).
/// </summary>
public sealed class EventSocketTenants(IGrainFactory grains, IOptions<TenancyOptions> tenancy)
{
    private readonly TenantSettingsCache<bool> _exists = new(grains, (_, settings) => settings is not null, TimeProvider.System);

    public string DefaultTenant => tenancy.Value.DefaultTenantOf(EscauxApi.Surface.Name);

    public async Task<bool> ExistsAsync(string tenant) => await _exists.GetAsync(tenant);
}
