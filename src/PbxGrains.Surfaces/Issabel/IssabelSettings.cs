using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;

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

    public static IssabelSettings From(string tenant, TenantSettings? settings, byte[] hostKey)
    {
        var map = settings?.Surfaces.GetValueOrDefault(SurfaceName) ?? ImmutableDictionary<string, string>.Empty;
        var users = map.Where(p => p.Key.StartsWith("user.", StringComparison.Ordinal) && p.Key.Length > 5)
            .ToImmutableDictionary(p => p.Key[5..], p => p.Value, StringComparer.Ordinal);
        return new IssabelSettings
        {
            TenantExists = settings is not null,
            Users = users,
            SigningKey = DeriveKey(tenant, map.GetValueOrDefault("signingKey"), hostKey),
            AccessLifetimeSeconds = Positive(map.GetValueOrDefault("accessTokenLifetime")) ?? DefaultAccessLifetimeSeconds,
            FirstExtension = Number(map.GetValueOrDefault("firstExtension")) ?? "1000",
            FirstRingGroup = Number(map.GetValueOrDefault("firstRingGroup")) ?? "600",
            FirstQueue = Number(map.GetValueOrDefault("firstQueue")) ?? "400",
        };
    }

    /// <summary>
    /// The HS256 key of one tenant: HMAC-SHA256 over the tenant id, keyed with the tenant's own <c>signingKey</c> when it
    /// has one, else with the host's <c>Pbx:Issabel:SigningKey</c>. The tenant id is always in it, so two tenants never
    /// share a key, even when an operator gives both the same secret, and a token of one fails the other's signature
    /// check before its claims are even read.
    /// </summary>
    public static byte[] DeriveKey(string tenant, string? tenantSecret, byte[] hostKey)
    {
        var secret = string.IsNullOrEmpty(tenantSecret) ? hostKey : Encoding.UTF8.GetBytes(tenantSecret);
        return HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"pbxgrains/issabel/jwt/{tenant}"));
    }

    public bool CheckPassword(string user, string password) =>
        Users.TryGetValue(user, out var expected) &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(password));

    private static int? Positive(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static string? Number(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? value : null;
}
