using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PbxGrains.Host.Api.Security;

/// <summary>
/// The configured keys and the caller each one names. Keys are kept as SHA-256 hashes and compared in constant time
/// (every key is compared, whatever matched), so neither memory nor timing gives one away.
/// </summary>
public sealed class ControlApiCallers
{
    public const string AdminRole = "admin";
    public const string TenantRole = "tenant";

    /// <summary>The claim that names the one tenant a tenant key may act on.</summary>
    public const string TenantClaim = "pbx_tenant";

    private readonly (byte[] Hash, string? Tenant)[] _keys;

    public ControlApiCallers(IOptions<ControlApiOptions> options)
    {
        var value = options.Value;
        IsOpen = value.IsOpen;
        _keys =
        [
            .. string.IsNullOrEmpty(value.AdminKey) ? [] : new[] { (Hash(value.AdminKey), (string?)null) },
            .. value.TenantKeys.Where(k => k.Value.Length > 0).Select(k => (Hash(k.Value), (string?)k.Key)),
        ];
    }

    /// <inheritdoc cref="ControlApiOptions.IsOpen"/>
    public bool IsOpen { get; }

    /// <summary>The caller <paramref name="key"/> names, or null when it names none.</summary>
    public ClaimsIdentity? Find(string key, string scheme)
    {
        var presented = Hash(key);
        var found = -1;
        for (var i = 0; i < _keys.Length; i++)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, _keys[i].Hash))
            {
                found = i;
            }
        }

        return found < 0 ? null : _keys[found].Tenant is { } tenant ? Tenant(tenant, scheme) : Admin(scheme, "key");
    }

    /// <summary>An administrator: with a key, or as the loopback caller of an open control API.</summary>
    public static ClaimsIdentity Admin(string scheme, string how) =>
        new([new Claim(ClaimTypes.Name, $"admin ({how})"), new Claim(ClaimTypes.Role, AdminRole)], scheme);

    public static ClaimsIdentity Tenant(string tenant, string scheme) =>
        new([new Claim(ClaimTypes.Name, $"tenant {tenant}"), new Claim(ClaimTypes.Role, TenantRole), new Claim(TenantClaim, tenant)], scheme);

    /// <summary>Whether <paramref name="user"/> may act on <paramref name="tenant"/>: an administrator, or that tenant's key.</summary>
    public static bool MayActOn(ClaimsPrincipal user, string? tenant) =>
        user.IsInRole(AdminRole) || (tenant is not null && user.HasClaim(TenantClaim, tenant));

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
