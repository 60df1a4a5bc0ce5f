using System.Collections.Frozen;
using PhoneNumbers;

namespace PbxGrains.Surfaces.Taridium;

/// <summary>
/// IPPS' country name resolution (<c>res_cc=1</c>): a caller id no longer than the tenant's domestic length is
/// domestic and gets its default country; a longer one is looked up by its international calling code. Built once per
/// process from libphonenumber's tables (English names from the library's own data, so no culture data is needed) and
/// immutable afterwards, so a lookup on the poll path allocates nothing.
/// </summary>
public sealed class CountryNames
{
    /// <summary>Code 1 is shared by the whole North American Numbering Plan; IPPS names the plan rather than the US.</summary>
    public const string NorthAmerica = "North America and Caribbean";

    // Calling codes have one to three digits; index = code, null = not a calling code, "" = a non-geographic one.
    private readonly string?[] _byCallingCode = new string?[1000];
    private readonly FrozenDictionary<string, string> _byRegion;

    public CountryNames()
    {
        var util = PhoneNumberUtil.GetInstance();
        var regions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var region in util.GetSupportedRegions())
        {
            regions[region] = RegionName(region);
        }

        foreach (var code in util.GetSupportedCallingCodes())
        {
            if (code is <= 0 or >= 1000)
            {
                continue;
            }

            // The first region of a shared code is its main country (44: GB before GG, IM, JE; 7: RU before KZ).
            var main = util.GetRegionCodeForCountryCode(code);
            _byCallingCode[code] = code == 1 ? NorthAmerica : regions.GetValueOrDefault(main, "");
        }

        _byRegion = regions.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The English name of an ISO 3166 region code (<c>CH</c> → Switzerland), or null when it is none.</summary>
    public string? NameOfRegion(string region) =>
        _byRegion.TryGetValue(region, out var name) && name.Length > 0 ? name : null;

    /// <summary>The country of <paramref name="callerId"/>, or "" when it has none or cannot be resolved.</summary>
    /// <param name="domesticMaxLength">Numbers of at most this many digits are domestic.</param>
    /// <param name="defaultCountry">The country of domestic numbers.</param>
    public string Resolve(ReadOnlySpan<char> callerId, int domesticMaxLength, string defaultCountry)
    {
        var digits = callerId;
        var international = false;
        if (digits.Length > 0 && digits[0] == '+')
        {
            digits = digits[1..];
            international = true;
        }

        // 'unknown', 'private', 'restricted' and anything else that is not a number are not looked up.
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return "";
        }

        if (!international)
        {
            if (digits.Length <= domesticMaxLength)
            {
                return defaultCountry;
            }

            // A long number dialled with the international prefix: 0041… is 41….
            if (digits.StartsWith("00"))
            {
                digits = digits[2..];
            }
        }

        // No calling code starts with 0 (a national trunk prefix), and calling codes are prefix-free, so the first
        // one found is the one.
        if (digits[0] == '0')
        {
            return "";
        }

        var code = 0;
        for (var i = 0; i < 3 && i < digits.Length; i++)
        {
            code = (code * 10) + (digits[i] - '0');
            if (_byCallingCode[code] is { } name)
            {
                return name;
            }
        }

        return "";
    }

    private static string RegionName(string region) =>
        region is "ZZ" or "001" ? "" : new Locale("", region).GetDisplayCountry("en");
}
