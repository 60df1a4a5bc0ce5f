using Microsoft.Extensions.Options;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>
/// Which tenant a socket follows: the Escaux surface's default tenant (<c>Pbx:Surfaces:escaux:DefaultTenant</c>, else
/// <c>Pbx:DefaultTenant</c>, as for the HTTP API, so both halves of the document's API see one PBX) until it names one,
/// and who may follow a named one (<see cref="EventSocketAccess"/>, from the per-process settings read model, so a
/// burst of logins does not reach the tenant grain).
/// </summary>
public sealed class EventSocketTenants(IGrainFactory grains, IOptions<TenancyOptions> tenancy, IOptions<EventSocketOptions> options)
{
    private readonly TenantSettingsCache<EventSocketAccess> _access = new(grains, (_, settings) => EventSocketAccess.Of(settings), TimeProvider.System);

    // Apart from the one above: every new connection asks about the default tenant, and an answer remembered from
    // before that tenant was created must not make ccPing or a tenant line miss it for the cache's lifetime.
    private readonly TenantSettingsCache<EventSocketAccess> _defaultAccess = new(grains, (_, settings) => EventSocketAccess.Of(settings), TimeProvider.System);

    public string DefaultTenant => tenancy.Value.DefaultTenantOf(EscauxApi.Surface.Name);

    public async Task<bool> ExistsAsync(string tenant) => (await _access.GetAsync(tenant)).Exists;

    /// <summary>Whether a connection may follow <paramref name="tenant"/> without naming it (and a password) first.</summary>
    public async Task<bool> IsOpenAsync(string tenant) => !(await _defaultAccess.GetAsync(tenant)).NeedsPassword(options.Value.RequireCredentials);

    /// <summary>Whether a consumer that gave <paramref name="password"/> (null: none) may follow <paramref name="tenant"/>.</summary>
    public async Task<bool> AdmitsAsync(string tenant, string? password) => (await _access.GetAsync(tenant)).Admits(password, options.Value.RequireCredentials);
}
