using System.Collections.Immutable;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Taridium;

namespace PbxGrains.Tests.Surfaces.Taridium;

/// <summary>Country name resolution and the tenant settings, on their own.</summary>
public sealed class TaridiumSettingsTests
{
    private static readonly CountryNames Countries = new();

    [Theory]
    [InlineData("99532356420", "Georgia")]
    [InlineData("448450043606", "United Kingdom")]
    [InlineData("792074279", "Switzerland")]        // nine digits: domestic
    [InlineData("444557400", "Switzerland")]        // nine digits: domestic, although 44 is the UK's code
    [InlineData("688677809010", "Tuvalu")]
    [InlineData("6596489564", "Singapore")]         // ten digits: international
    [InlineData("12124611807", "North America and Caribbean")]
    [InlineData("74951234567", "Russia")]           // a shared code names its main country
    [InlineData("33123456789", "France")]
    public void The_samples_numbers_resolve_as_the_sample_shows(string callerId, string country) =>
        Assert.Equal(country, Countries.Resolve(callerId, 9, "Switzerland"));

    [Theory]
    [InlineData("unknown")]
    [InlineData("private")]
    [InlineData("restricted")]
    [InlineData("Anonymous")]
    [InlineData("12 34")]
    [InlineData("+")]
    [InlineData("")]
    public void Non_numeric_caller_ids_are_not_looked_up(string callerId) =>
        Assert.Equal("", Countries.Resolve(callerId, 9, "Switzerland"));

    [Theory]
    [InlineData("1", 9, "Switzerland")]
    [InlineData("123456789", 9, "Switzerland")]
    [InlineData("1234567890", 9, CountryNames.NorthAmerica)]
    [InlineData("1234567890", 10, "Switzerland")]
    [InlineData("4412345678", 0, "United Kingdom")]
    [InlineData("+41791234", 9, "Switzerland")]      // a '+' is international whatever the length
    [InlineData("+4478", 12, "United Kingdom")]
    [InlineData("0041791234567", 9, "Switzerland")]  // 00 is the international prefix
    [InlineData("0791234567", 9, "")]                // a national number too long to be domestic: no code starts with 0
    [InlineData("8001234567", 9, "")]                // 800 is a non-geographic code (international freephone)
    [InlineData("2901234567", 9, "St. Helena")]
    public void The_domestic_length_decides_between_the_default_country_and_the_calling_code(string callerId, int domestic, string country) =>
        Assert.Equal(country, Countries.Resolve(callerId, domestic, "Switzerland"));

    [Fact]
    public void Region_codes_have_English_names()
    {
        Assert.Equal("Switzerland", Countries.NameOfRegion("CH"));
        Assert.Equal("Belgium", Countries.NameOfRegion("be"));
        Assert.Null(Countries.NameOfRegion("XX"));
    }

    [Fact]
    public void Without_settings_IPPS_is_off_open_domestic_up_to_nine_digits_on_UTC()
    {
        var settings = TaridiumSettings.From(new TenantSettings(), Countries);

        Assert.True(settings.TenantExists);
        Assert.False(settings.Enabled);
        Assert.False(settings.RequiresAuthentication);
        Assert.False(settings.RequireSsl);
        Assert.Equal(9, settings.DomesticNumberMaxLen);
        Assert.Equal("", settings.DefaultCountry);
        Assert.Equal(TimeZoneInfo.Utc, settings.TimeZone);
        Assert.False(TaridiumSettings.From(null, Countries).Enabled);
        Assert.False(TaridiumSettings.Missing.TenantExists);
    }

    [Fact]
    public void Keys_and_the_surface_name_ignore_case_and_values_are_read_as_ipbx_writes_them()
    {
        var settings = Read("Taridium", ("ippsenabled", "TRUE"), ("IPPSREQUIRESSL", "1"), ("ippsuser", "myuser"), ("IppsPassword", "pass"),
            ("domesticNumberMaxLen", "10"), ("defaultcountryid", "ch"), ("timezone", "America/New_York"));

        Assert.True(settings.Enabled);
        Assert.True(settings.RequireSsl);
        Assert.True(settings.RequiresAuthentication);
        Assert.Equal(10, settings.DomesticNumberMaxLen);
        Assert.Equal("Switzerland", settings.DefaultCountry);
        Assert.Equal("America/New_York", settings.TimeZone.Id);
    }

    [Theory]
    [InlineData("IPPSEnabled", "maybe")]
    [InlineData("IPPSEnabled", "")]
    [InlineData("IPPSEnabled", "off")]
    public void IPPS_stays_disabled_unless_clearly_enabled(string key, string value) =>
        Assert.False(Read("taridium", (key, value)).Enabled);

    [Fact]
    public void Unreadable_values_fail_closed_or_fall_back()
    {
        var settings = Read("taridium", ("IPPSEnabled", "yes"), ("IPPSRequireSSL", "sometimes"), ("DomesticNumberMaxLen", "-3"),
            ("DefaultCountryID", "Sealand"), ("TimeZone", "Mars/Olympus_Mons"));

        Assert.True(settings.Enabled);
        Assert.True(settings.RequireSsl);
        Assert.Equal(TaridiumSettings.DefaultDomesticNumberMaxLen, settings.DomesticNumberMaxLen);
        Assert.Equal("Sealand", settings.DefaultCountry);
        Assert.Equal(TimeZoneInfo.Utc, settings.TimeZone);
    }

    [Fact]
    public void Basic_credentials_must_match_both_user_and_password()
    {
        var settings = Read("taridium", ("IPPSEnabled", "true"), ("IPPSUser", "myuser"), ("IPPSPassword", "pâss:word"));

        Assert.True(settings.Authenticate(Basic("myuser", "pâss:word")));
        Assert.True(settings.Authenticate("basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("myuser:pâss:word"))));
        Assert.False(settings.Authenticate(Basic("myuser", "pâss")));
        Assert.False(settings.Authenticate(Basic("myuser2", "pâss:word")));
        Assert.False(settings.Authenticate(""));
        Assert.False(settings.Authenticate("Basic"));
        Assert.False(settings.Authenticate("Basic %%%"));
        Assert.False(settings.Authenticate("Basic " + new string('A', 4000)));
        Assert.True(Read("taridium", ("IPPSEnabled", "true")).Authenticate(""));
    }

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    private static TaridiumSettings Read(string surface, params (string Key, string Value)[] values) =>
        TaridiumSettings.From(new TenantSettings
        {
            Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
                .Add(surface, values.ToImmutableDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal)),
        }, Countries);
}
