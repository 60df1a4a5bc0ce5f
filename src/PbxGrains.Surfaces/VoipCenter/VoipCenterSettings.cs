using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// A tenant's VoipCenter settings, from <c>surfaces: {voipcenter: {...}}</c> in its scenario:
/// <list type="bullet">
/// <item><c>knummer</c> — the customer number that selects this tenant;</item>
/// <item><c>password</c> — the customer password in plain text (or <c>passwordHash</c>: hex sha256(hex md5(password)));</item>
/// <item><c>api.{apiID}: {privateKey}</c> — an API user and its HMAC key (any number of them).</item>
/// </list>
/// The DIDs, filters, routes, indicators and hot desks the API shows are the call model's number routing (the
/// scenario's <c>numberRouting</c>), under the same ids; they are not VoipCenter settings.
/// </summary>
public sealed record class VoipCenterSettings
{
    /// <summary>The key of these settings in <see cref="TenantSettings.Surfaces"/>: the surface's name.</summary>
    public const string SurfaceName = "voipcenter";

    public const string KnummerKey = "knummer";
    public const string PasswordKey = "password";
    public const string PasswordHashKey = "passwordHash";
    public const string ApiUserPrefix = "api.";

    // Parsed once per settings object: the directory hands out the same object until the tenant's settings change.
    private static readonly ConditionalWeakTable<TenantSettings, VoipCenterSettings> Parsed = [];

    public string Knummer { get; init; } = "";

    /// <summary>The expected <c>pwd</c>: lower-case hex of sha256(lower-case hex md5(password)).</summary>
    public string PasswordHash { get; init; } = "";

    public ImmutableDictionary<string, string> ApiUsers { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string OutsidePrefix { get; init; } = "";

    public static VoipCenterSettings Of(TenantSettings settings) => Parsed.GetValue(settings, From);

    /// <summary>What a scenario may set (keys ignore case).</summary>
    public static readonly SurfaceSettingsSchema Schema = new(
        SurfaceSetting.Text(KnummerKey).SelectingTenant(),
        SurfaceSetting.Text(PasswordKey).Secret(),
        SurfaceSetting.Text(PasswordHashKey).Secret(),
        SurfaceSetting.Text(ApiUserPrefix + "{apiID}").Secret());

    public static VoipCenterSettings From(TenantSettings settings)
    {
        var values = SurfaceSettingValues.Of(settings, SurfaceName);
        var hash = values[PasswordHashKey] is { Length: > 0 } given
            ? given.ToLowerInvariant()
            : PwdOf(values[PasswordKey] ?? "");
        return new VoipCenterSettings
        {
            Knummer = values[KnummerKey] ?? "",
            PasswordHash = values.Has(PasswordKey) || values.Has(PasswordHashKey) ? hash : "",
            ApiUsers = values.Family(ApiUserPrefix).ToImmutableDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            OutsidePrefix = settings.OutsidePrefix,
        };
    }

    /// <summary>The document's <c>pwd</c>: <c>hash('sha256', md5($plaintext))</c>, both as lower-case hex.</summary>
    public static string PwdOf(string plaintext)
    {
        var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(plaintext)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(md5)));
    }

    public bool CheckPwd(string pwd) =>
        PasswordHash.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(PasswordHash), Encoding.ASCII.GetBytes(pwd.ToLowerInvariant()));

    /// <summary>The document's <c>pass</c>: <c>hash_hmac('sha256', $tobehashed, $privateKey)</c>, compared in constant time.</summary>
    public static bool CheckPass(string privateKey, string signed, string pass)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(privateKey), Encoding.UTF8.GetBytes(signed)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(pass.ToLowerInvariant()));
    }
}
