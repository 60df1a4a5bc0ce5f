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

    public const int FailedAttemptsPerAddress = 20;

    /// <summary>The header that gives a request its source address; a request without one comes from an address of its own.</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    private int _addresses;

    private int _tenants;

    public FakeTimeProvider SurfaceTime { get; } = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    public ValueTask InitializeAsync() => StartAsync();

    protected override void ConfigureSurface(WebApplicationBuilder builder)
    {
        builder.Configuration["Pbx:VoipCenter:RateLimitRequests"] = RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Pbx:VoipCenter:RateLimitWindowSeconds"] = "60";
        builder.Configuration["Pbx:VoipCenter:FailedAttemptsPerAddress"] = FailedAttemptsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Pbx:VoipCenter:FailedAttemptsWindowSeconds"] = "300";
        builder.Services.AddKeyedSingleton<TimeProvider>(VoipCenterServices.ClockKey, SurfaceTime);
        builder.Services.AddVoipCenter();
    }

    protected override void MapSurface(WebApplication app)
    {
        // A test server has no remote address. Each request gets one of its own, so the failures the error tests
        // provoke never add up against the per-address limit, unless a test names the address.
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers[RemoteAddressHeader] is [{ } given]
                ? System.Net.IPAddress.Parse(given)
                : new System.Net.IPAddress(0x0A000000u + (uint)Interlocked.Increment(ref _addresses));
            return next(context);
        });
        app.MapVoipCenter();
    }

    /// <summary>
    /// A fresh tenant with its own customer number, the document's API user and password, SIP accounts 101–103
    /// (sipaccount1, Jan Peeters, and 2 registered, 3 not) and the number routing of <see cref="CustomerRouting"/>; <paramref name="extra"/>
    /// adds surface settings.
    /// </summary>
    public async Task<Customer> NewCustomerAsync(params (string Key, string Value)[] extra)
    {
        var n = Interlocked.Increment(ref _tenants);
        var id = $"vc{n}x{Guid.NewGuid():N}"[..20];
        var knummer = (200000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>
        {
            ["knummer"] = knummer,
            ["password"] = Customer.Password,
            [$"api.{Customer.ApiId}"] = Customer.PrivateKey,
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
                new ExtensionConfig
                {
                    Number = "8101", Name = "Bureau Jan", SipUser = "sipaccount1", DatabaseId = 101,
                    Person = new PersonDetails { FirstName = "Jan", LastName = "Peeters", OutgoingNumber = "+3225550540" },
                },
                new ExtensionConfig { Number = "8102", Name = "Bureau Els", SipUser = "sipaccount2", DatabaseId = 102, PublicNumber = "+3225550599" },
                new ExtensionConfig { Number = "8103", Name = "Magazijn", SipUser = "sipaccount3", DatabaseId = 103 },
                new ExtensionConfig { Number = "8104", Name = "Zonder id" },
            ],
            NumberRouting = CustomerRouting.For(DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime)),
            Registrations = ImmutableDictionary<string, Registration>.Empty
                .Add("8101", new Registration("127.0.0.1", 5060, "Yealink SIP-T46S 66.86.0.15", "sip:sipaccount1@127.0.0.1", Start, LatencyMs: 25))
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
