using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.Taridium;

/// <summary>
/// A tenant's IPPS configuration, read from the scenario's <c>surfaces: {taridium: {...}}</c> (keys ignore case) and
/// named after ipbx's <c>$cfg[...]</c> variables. Immutable. A value that cannot be read fails closed: a bad
/// <c>IPPSEnabled</c> leaves IPPS disabled, a bad <c>IPPSRequireSSL</c> requires SSL.
/// </summary>
public sealed class TaridiumSettings
{
    /// <summary>The key of these settings in <see cref="TenantSettings.Surfaces"/>: the surface's name.</summary>
    public const string SurfaceName = "taridium";

    public const string EnabledKey = "IPPSEnabled";
    public const string UserKey = "IPPSUser";
    public const string PasswordKey = "IPPSPassword";
    public const string RequireSslKey = "IPPSRequireSSL";
    public const string DomesticNumberMaxLenKey = "DomesticNumberMaxLen";
    public const string DefaultCountryIdKey = "DefaultCountryID";
    public const string TimeZoneKey = "TimeZone";

    /// <summary>What the document's sample implies (nine-digit numbers are Swiss, ten-digit ones are not).</summary>
    public const int DefaultDomesticNumberMaxLen = 9;

    /// <summary>Longer than any number E.164 allows, with room for prefixes.</summary>
    public const int MaxDomesticNumberMaxLen = 64;

    private const int MaxBasicCredentialsChars = 1024;

    // Credentials are kept as SHA-256 digests: comparing digests takes the same time whatever the lengths are.
    private readonly byte[] _userDigest;
    private readonly byte[] _passwordDigest;

    private TaridiumSettings(bool tenantExists, bool enabled, string user, string password, bool requireSsl,
        int domesticNumberMaxLen, string defaultCountry, TimeZoneInfo timeZone)
    {
        TenantExists = tenantExists;
        Enabled = tenantExists && enabled;
        RequiresAuthentication = user.Length > 0 || password.Length > 0;
        _userDigest = SHA256.HashData(Encoding.UTF8.GetBytes(user));
        _passwordDigest = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        RequireSsl = requireSsl;
        DomesticNumberMaxLen = domesticNumberMaxLen;
        DefaultCountry = defaultCountry;
        TimeZone = timeZone;
    }

    /// <summary>The settings of a tenant that does not exist: IPPS is off.</summary>
    public static TaridiumSettings Missing { get; } =
        new(false, false, "", "", false, DefaultDomesticNumberMaxLen, "", TimeZoneInfo.Utc);

    public bool TenantExists { get; }

    /// <summary><c>IPPSEnabled</c>: IPPS is disabled unless a tenant turns it on, as in ipbx.</summary>
    public bool Enabled { get; }

    /// <summary>Set when <c>IPPSUser</c> or <c>IPPSPassword</c> is set: requests need HTTP basic authentication.</summary>
    public bool RequiresAuthentication { get; }

    /// <summary><c>IPPSRequireSSL</c>: only HTTPS requests are answered.</summary>
    public bool RequireSsl { get; }

    /// <summary><c>DomesticNumberMaxLen</c>: caller ids of at most this many digits are domestic.</summary>
    public int DomesticNumberMaxLen { get; }

    /// <summary><c>DefaultCountryID</c>: the country of domestic caller ids (a region code is turned into its name).</summary>
    public string DefaultCountry { get; }

    /// <summary><c>TimeZone</c> (IANA id, default UTC): the PBX's local time, in which ENTERED is printed.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>What a scenario may set (keys ignore case); a value IPPS could not read is refused when it loads.</summary>
    public static readonly SurfaceSettingsSchema Schema = new(
        SurfaceSetting.Flag(EnabledKey),
        SurfaceSetting.Text(UserKey),
        SurfaceSetting.Text(PasswordKey).Secret(),
        SurfaceSetting.Flag(RequireSslKey),
        SurfaceSetting.Number(DomesticNumberMaxLenKey, 0, MaxDomesticNumberMaxLen),
        SurfaceSetting.Text(DefaultCountryIdKey),
        SurfaceSetting.TimeZone(TimeZoneKey));

    public static TaridiumSettings From(TenantSettings? tenant, CountryNames countries)
    {
        if (tenant is null)
        {
            return Missing;
        }

        var values = SurfaceSettingValues.Of(tenant, SurfaceName);
        string? Get(string key) => values[key]?.Trim();

        var defaultCountry = Get(DefaultCountryIdKey) ?? "";
        if (defaultCountry.Length == 2 && countries.NameOfRegion(defaultCountry) is { } name)
        {
            defaultCountry = name;
        }

        return new TaridiumSettings(
            tenantExists: true,
            enabled: SettingValues.Flag(Get(EnabledKey)) ?? false,
            user: Get(UserKey) ?? "",
            password: Get(PasswordKey) ?? "",
            requireSsl: SettingValues.Flag(Get(RequireSslKey)) ?? Get(RequireSslKey) is { Length: > 0 },
            domesticNumberMaxLen: (int?)SettingValues.Number(Get(DomesticNumberMaxLenKey), 0, MaxDomesticNumberMaxLen) ?? DefaultDomesticNumberMaxLen,
            defaultCountry: defaultCountry,
            timeZone: SettingValues.TimeZone(Get(TimeZoneKey)) ?? TimeZoneInfo.Utc);
    }

    /// <summary>
    /// Checks an <c>Authorization</c> header against <c>IPPSUser</c> and <c>IPPSPassword</c>; without them any
    /// request passes and credentials are ignored, as in ipbx. Allocates nothing.
    /// </summary>
    public bool Authenticate(ReadOnlySpan<char> authorization)
    {
        if (!RequiresAuthentication)
        {
            return true;
        }

        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = authorization[scheme.Length..].Trim();
        if (encoded.Length > MaxBasicCredentialsChars)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[MaxBasicCredentialsChars];
        if (!Convert.TryFromBase64Chars(encoded, decoded, out var length))
        {
            return false;
        }

        var credentials = decoded[..length];
        var colon = credentials.IndexOf((byte)':');
        if (colon < 0)
        {
            return false;
        }

        Span<byte> user = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> password = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(credentials[..colon], user);
        SHA256.HashData(credentials[(colon + 1)..], password);

        // Both are compared whatever the first gives, so the time taken tells nothing about which one was wrong.
        return CryptographicOperations.FixedTimeEquals(user, _userDigest) & CryptographicOperations.FixedTimeEquals(password, _passwordDigest);
    }
}
