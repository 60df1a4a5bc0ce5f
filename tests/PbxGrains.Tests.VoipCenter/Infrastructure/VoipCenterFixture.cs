using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.VoipCenter;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.VoipCenter.Infrastructure;

/// <summary>
/// A two-silo cluster whose call model runs on a fake clock, and the VoipCenter surface over it on a test server. The
/// surface's own clock (timestamps, read-model age, rate windows) is a second fake clock, so the 5-second window is
/// tested without waiting and a new tenant is seen at once (creating one moves that clock past the read model's age).
/// </summary>
public sealed class VoipCenterFixture() : SurfaceTestHost(Start), IAsyncLifetime
{
    /// <summary>A Monday, 10:00 in Brussels: inside the test tenants' office hours.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public const int RateLimit = 40;

    private int _tenants;

    public FakeTimeProvider SurfaceTime { get; } = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    public ValueTask InitializeAsync() => StartAsync();

    protected override void ConfigureSurface(WebApplicationBuilder builder)
    {
        builder.Configuration["Pbx:VoipCenter:RateLimitRequests"] = RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Pbx:VoipCenter:RateLimitWindowSeconds"] = "60";
        builder.Services.AddKeyedSingleton<TimeProvider>(VoipCenterServices.ClockKey, SurfaceTime);
    }

    protected override void MapSurface(WebApplication app) => app.MapVoipCenter();

    /// <summary>
    /// A fresh tenant with its own customer number, the document's API user and password, SIP accounts 101–103
    /// (sipaccount1 and 2 registered, 3 not) and a small number routing; <paramref name="extra"/> adds settings.
    /// </summary>
    public async Task<Customer> NewCustomerAsync(params (string Key, string Value)[] extra)
    {
        var n = Interlocked.Increment(ref _tenants);
        var id = $"vc{n}x{Guid.NewGuid():N}"[..20];
        var knummer = (200000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var today = Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>
        {
            ["knummer"] = knummer,
            ["password"] = Customer.Password,
            [$"api.{Customer.ApiId}"] = Customer.PrivateKey,
            ["timeZone"] = "Europe/Brussels",
            ["feestdagen.10"] = "Feestdagen|2026-01-01,2026-12-25",
            ["feestdagen.11"] = $"Vandaag|{today}",
            ["vakanties.20"] = "Bouwverlof|2026-07-20..2026-08-07",
            ["kantooruren.30"] = "Kantooruren|ma-vr 08:30-12:00,ma-vr 13:00-17:30",
            ["kantooruren.31"] = "Zaterdag|za 09:00-12:00",
            ["route.140"] = "Onthaal|8101|100|8103",
            ["route.141"] = "Verkoop|8102",
            ["backuproute.150"] = "Buiten kantooruren|8102",
            ["did.540"] = "+3225550540|Hoofdnummer|10|20|30|140|150",
            ["did.541"] = "+3225550541|Bureau lijn||||141|",
            ["indicator.100"] = "Nachtstand|0",
            ["indicator.101"] = "Pauze|1",
            ["hdtemplate.50"] = "Standaard",
            ["hddesk.100"] = "Onthaal desk|SEP001122334455|8100||50",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var result = await Pbx.Tenant(id).LoadAsync(new TenantDefinition
        {
            Id = id,
            Settings = new TenantSettings
            {
                Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add("voipcenter", settings.ToImmutableDictionary()),
            },
            Extensions =
            [
                new ExtensionConfig { Number = "8101", Name = "Bureau Jan", SipUser = "sipaccount1", DatabaseId = 101 },
                new ExtensionConfig { Number = "8102", Name = "Bureau Els", SipUser = "sipaccount2", DatabaseId = 102 },
                new ExtensionConfig { Number = "8103", Name = "Magazijn", SipUser = "sipaccount3", DatabaseId = 103 },
                new ExtensionConfig { Number = "8104", Name = "Zonder id" },
            ],
            Registrations = ImmutableDictionary<string, Registration>.Empty
                .Add("8101", new Registration("127.0.0.1", 5060, "test", "sip:sipaccount1@127.0.0.1", Start))
                .Add("8102", new Registration("127.0.0.1", 5060, "test", "sip:sipaccount2@127.0.0.1", Start)),
        }, replace: false);
        Assert.True(result.IsOk, result.ToString());

        // The knummer directory is rebuilt once it is older than a second of the surface's clock.
        SurfaceTime.Advance(TimeSpan.FromSeconds(2));
        return new Customer(this, id, knummer);
    }
}

[CollectionDefinition(Name)]
public sealed class VoipCenterCollection : ICollectionFixture<VoipCenterFixture>
{
    public const string Name = "voipcenter";
}
