using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// A tenant's pbxapi settings, from <c>surfaces: {issabel: {...}}</c> in its scenario:
/// <list type="bullet">
/// <item><c>user.{name}: {password}</c> — an API login (any number of them);</item>
/// <item><c>signingKey</c> — the tenant's token secret (optional, see <see cref="DeriveKey"/>);</item>
/// <item><c>accessTokenLifetime</c> — seconds (default 3600, current builds; the README's example shows 86400);</item>
/// <item><c>firstExtension</c>, <c>firstRingGroup</c>, <c>firstQueue</c> — where POST looks for the next free number
/// (defaults 1000, 600, 400).</item>
/// </list>
/// </summary>
public sealed record class IssabelSettings
{
    /// <summary>The key of these settings in <see cref="TenantSettings.Surfaces"/>: the surface's name.</summary>
    public const string SurfaceName = "issabel";

    public const int DefaultAccessLifetimeSeconds = 3600;

    /// <summary>The real server: the refresh token from a login lasts 7200 s, one from renewtoken 86400 s.</summary>
    public const int LoginRefreshLifetimeSeconds = 7200;

    public const int RenewRefreshLifetimeSeconds = 86400;

    public bool TenantExists { get; init; }

    public ImmutableDictionary<string, string> Users { get; init; } = ImmutableDictionary<string, string>.Empty;

    public required byte[] SigningKey { get; init; }

    public int AccessLifetimeSeconds { get; init; } = DefaultAccessLifetimeSeconds;

    public string FirstExtension { get; init; } = "1000";

    public string FirstRingGroup { get; init; } = "600";

    public string FirstQueue { get; init; } = "400";

    /// <summary>What a scenario may set (keys ignore case); a value pbxapi could not read is refused when it loads.</summary>
    public static readonly SurfaceSettingsSchema Schema = new(
        SurfaceSetting.Text(UserPrefix + "{name}").Secret(),
        SurfaceSetting.Text(SigningKeyKey).Secret(),
        SurfaceSetting.Number(AccessTokenLifetimeKey, 1, int.MaxValue),
        SurfaceSetting.Number(FirstExtensionKey),
        SurfaceSetting.Number(FirstRingGroupKey),
        SurfaceSetting.Number(FirstQueueKey));

    private const string UserPrefix = "user.";
    private const string SigningKeyKey = "signingKey";
    private const string AccessTokenLifetimeKey = "accessTokenLifetime";
    private const string FirstExtensionKey = "firstExtension";
    private const string FirstRingGroupKey = "firstRingGroup";
    private const string FirstQueueKey = "firstQueue";

    public static IssabelSettings From(string tenant, TenantSettings? settings, byte[] hostKey)
    {
        var values = SurfaceSettingValues.Of(settings, SurfaceName);
        return new IssabelSettings
        {
            TenantExists = settings is not null,
            Users = values.Family(UserPrefix).ToImmutableDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            SigningKey = DeriveKey(tenant, settings?.Incarnation ?? "", values[SigningKeyKey], hostKey),
            AccessLifetimeSeconds = (int?)SettingValues.Number(values[AccessTokenLifetimeKey], 1, int.MaxValue) ?? DefaultAccessLifetimeSeconds,
            FirstExtension = Number(values[FirstExtensionKey]) ?? "1000",
            FirstRingGroup = Number(values[FirstRingGroupKey]) ?? "600",
            FirstQueue = Number(values[FirstQueueKey]) ?? "400",
        };
    }

    /// <summary>
    /// The HS256 key of one tenant: HMAC-SHA256 over the tenant id, keyed with the tenant's own <c>signingKey</c> when it
    /// has one, else with the host's <c>Pbx:Issabel:SigningKey</c>. The tenant id is always in it, so two tenants never
    /// share a key, even when an operator gives both the same secret, and a token of one fails the other's signature
    /// check before its claims are even read. The tenant's incarnation is in it too: a token issued before the tenant
    /// was deleted fails a new tenant of the same id, even one given the same secret.
    /// </summary>
    public static byte[] DeriveKey(string tenant, string incarnation, string? tenantSecret, byte[] hostKey)
    {
        var secret = string.IsNullOrEmpty(tenantSecret) ? hostKey : Encoding.UTF8.GetBytes(tenantSecret);
        return HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"pbxgrains/issabel/jwt/{tenant}/{incarnation}"));
    }

    public bool CheckPassword(string user, string password) =>
        Users.TryGetValue(user, out var expected) &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(password));

    /// <summary>The number as written, or null when it is not one.</summary>
    private static string? Number(string? value) => SettingValues.Number(value) is not null ? value!.Trim() : null;
}
