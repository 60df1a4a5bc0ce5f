using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// Which tenant a manager login is for and its users: <c>{name}@{tenant}</c> names the tenant, a plain <c>{name}</c>
/// logs in on the surface's default tenant (<c>Pbx:Surfaces:ami:DefaultTenant</c>, else <c>Pbx:DefaultTenant</c>).
/// Users come from the per-process settings read model, so a burst of logins does not reach the tenant grain.
/// </summary>
public sealed class AmiTenants(IGrainFactory grains, IOptions<TenancyOptions> tenancy)
{
    private readonly TenantSettingsCache<AmiSettings> _settings = new(grains, (_, settings) => AmiSettings.Of(settings), TimeProvider.System);

    public string DefaultTenant => tenancy.Value.DefaultTenantOf(AmiApi.Surface.Name);

    /// <summary>The user name and the tenant of a login's <c>Username</c>; null for a tenant id that cannot exist.</summary>
    public (string User, string Tenant)? Split(string username)
    {
        var at = username.LastIndexOf('@');
        if (at < 0)
        {
            return (username, DefaultTenant);
        }

        var tenant = username[(at + 1)..];
        return TenantKey.IsValidTenantId(tenant) ? (username[..at], tenant) : null;
    }

    /// <summary>The tenant's manager user, or null (no such tenant or user).</summary>
    public async Task<AmiUser?> FindUserAsync(string tenant, string user) =>
        (await _settings.GetAsync(tenant)).Users.TryGetValue(user, out var found) ? found : null;
}
