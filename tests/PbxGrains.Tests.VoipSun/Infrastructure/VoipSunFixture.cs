using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Issabel;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Surfaces.VoipCenter;
using PbxGrains.Surfaces.VoipSun;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.VoipSun.Infrastructure;

/// <summary>
/// A two-silo cluster on a fake clock with the VoIPSUN surface over it, and beside it the other surfaces that show
/// live calls (Taridium IPPS, Issabel pbxapi), so a call placed through one is looked at through the others.
/// </summary>
public sealed class VoipSunFixture() : SurfaceTestHost(Start), IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public const string User = "voipsun";
    public const string Password = "secretpwd";
    public const string IssabelPassword = "issabelpwd";

    private int _tenants;

    public ValueTask InitializeAsync() => StartAsync();

    /// <summary>What the VoIPSUN surface logs, from Information up.</summary>
    public CapturedLog Log { get; } = new();

    protected override void ConfigureSurface(WebApplicationBuilder builder)
    {
        builder.Services.AddTaridium().AddVoipSun().AddIssabel().AddVoipCenter();
        builder.Logging.AddProvider(Log);
        builder.Logging.AddFilter<CapturedLog>(null, LogLevel.None);
        builder.Logging.AddFilter<CapturedLog>(typeof(VoipSunServices).FullName, LogLevel.Information);
    }

    protected override void MapSurface(WebApplication app)
    {
        app.MapVoipSun();
        app.MapTaridium();
        app.MapIssabel();
        app.MapVoipCenter();
    }

    /// <summary>The VoipCenter customer number of a tenant made by <see cref="NewTenantAsync(ValueTuple{string, string}[])"/>, and its API user and key.</summary>
    public const string VoipCenterApiId = "vsapi";
    public const string VoipCenterKey = "vs-private-key";

    /// <summary>
    /// A fresh tenant: lines 100 (sip100, public 299299000, id 5, records its calls, registered from 10.0.0.100),
    /// 102 (sip102, public 299299555, id 6), 150 (id 7) and 250 (id 8, in dialplan <c>pobocka</c>, internal number 150
    /// there), 300 (id 9, not registered), 301 (id 10, do-not-disturb) and 400 (no id); queue FrontaIT (602, rrordered,
    /// member 102) and queue Support; agents 1000 (PIN 1234, Agent_01) and 1001 (PIN 4321); the API users
    /// <c>voipsun</c> (everything) and <c>viewer</c> (listcalls only); outroute 1 odchozi; contexts pospojeni and
    /// nevyzvednuto. Every phone is manual, so a test decides who answers.
    /// </summary>
    public Task<VoipSunTenantClient> NewTenantAsync(params (string Key, string Value)[] extra) => NewTenantAsync(id: null, extra);

    /// <summary>The same as <see cref="NewTenantAsync(ValueTuple{string, string}[])"/> under <paramref name="id"/> (a tenant created again).</summary>
    public async Task<VoipSunTenantClient> NewTenantAsync(string? id, params (string Key, string Value)[] extra)
    {
        var n = Interlocked.Increment(ref _tenants);
        id ??= $"vs{n}x{Guid.NewGuid():N}"[..20];
        var knummer = (700000 + n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var voipsun = new Dictionary<string, string>
        {
            [$"user.{User}"] = Password,
            ["user.viewer"] = "viewerpwd",
            ["permissions.viewer"] = "listcalls",
            ["outroute.1"] = "odchozi",
            ["outroute.7"] = "mezinarodni",
            ["contexts"] = "pospojeni,nevyzvednuto",
            ["internalNumber.250"] = "150",
        };
        foreach (var (key, value) in extra)
        {
            voipsun[key] = value;
        }

        var manual = new PhoneBehaviour { Mode = PhoneMode.Manual };
        var registration = new Registration("10.0.0.100", 5060, "snom870/8.7.3.25.9", "sip:sip100@10.0.0.101:5060;line=abc", Start, 35);
        var result = await Pbx.Tenant(id).LoadAsync(new TenantDefinition
        {
            Id = id,
            Settings = new TenantSettings
            {
                Trunk = "upc",
                Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
                    .Add("voipsun", voipsun.ToImmutableDictionary())
                    .Add("taridium", ImmutableDictionary<string, string>.Empty.Add("IPPSEnabled", "true"))
                    .Add("issabel", ImmutableDictionary<string, string>.Empty.Add("user.admin", IssabelPassword))
                    .Add("voipcenter", ImmutableDictionary<string, string>.Empty
                        .Add("knummer", knummer).Add("password", Password).Add($"api.{VoipCenterApiId}", VoipCenterKey)),
            },
            Extensions =
            [
                new ExtensionConfig { Number = "100", Name = "Linka 100", SipUser = "sip100", PublicNumber = "299299000", DatabaseId = 5, RecordCalls = true, Phone = manual },
                new ExtensionConfig { Number = "102", Name = "Linka 102", SipUser = "sip102", PublicNumber = "299299555", DatabaseId = 6, Phone = manual },
                new ExtensionConfig { Number = "150", Name = "Linka 150", DatabaseId = 7, Phone = manual },
                new ExtensionConfig { Number = "250", Name = "Pobocka 150", DatabaseId = 8, Dialplan = "pobocka", Phone = manual },
                new ExtensionConfig { Number = "300", Name = "Offline", DatabaseId = 9, Phone = manual },
                new ExtensionConfig { Number = "301", Name = "Nerusit", DatabaseId = 10, Phone = new PhoneBehaviour { Mode = PhoneMode.DoNotDisturb } },
                new ExtensionConfig { Number = "400", Name = "Bez id", Phone = manual },
            ],
            Queues =
            [
                new QueueConfig { Name = "FrontaIT", Number = "602", Strategy = QueueStrategy.RoundRobin, ServiceLevelSeconds = 20, Members = [new QueueMemberConfig { Extension = "102", Penalty = 0 }] },
                new QueueConfig { Name = "Support", Number = "601", Members = [new QueueMemberConfig { Extension = "150" }] },
            ],
            Agents =
            [
                new AgentConfig { Id = "1000", Name = "Agent_01", Pin = "1234" },
                new AgentConfig { Id = "1001", Name = "Agent_02", Pin = "4321" },
            ],
            Registrations = ImmutableDictionary<string, Registration>.Empty
                .Add("100", registration)
                .Add("102", new Registration("10.0.0.102", 5060, "Linphone/3.6.1", "sip:sip102@10.0.0.102:5060", Start))
                .Add("150", new Registration("10.0.0.150", 5060, "", "sip:150@10.0.0.150:5060", Start))
                .Add("250", new Registration("10.0.0.250", 5060, "", "sip:250@10.0.0.250:5060", Start))
                .Add("301", new Registration("10.0.0.31", 5060, "", "sip:301@10.0.0.31:5060", Start))
                .Add("400", new Registration("10.0.0.40", 5060, "", "sip:400@10.0.0.40:5060", Start)),
        }, replace: false);
        Assert.True(result.IsOk, result.ToString());
        return new VoipSunTenantClient(this, id) { Knummer = knummer };
    }
}

[CollectionDefinition(Name)]
public sealed class VoipSunCollection : ICollectionFixture<VoipSunFixture>
{
    public const string Name = "voipsun";
}
