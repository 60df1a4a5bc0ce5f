using System.Collections.Immutable;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Ami;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.Ami.Infrastructure;

/// <summary>
/// A two-silo cluster on a fake clock and the real manager socket on an ephemeral loopback port, with a small outbox
/// and send buffer (so a client that stops reading is found out after a few hundred events).
/// </summary>
public sealed class AmiFixture() : SurfaceTestHost(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), IAsyncLifetime
{
    public const int BufferEvents = 200;

    /// <summary>The manager users of every tenant the fixture makes.</summary>
    public const string AdminSecret = "s3cr3t";
    public const string ReaderSecret = "r3ad";

    private int _tenants;

    public AmiServer Server => Services.GetRequiredService<AmiServer>();

    public IPEndPoint Endpoint => Server.LocalEndpoint ?? throw new InvalidOperationException("The manager socket is not listening.");

    public ValueTask InitializeAsync() => StartAsync();

    protected override void ConfigureSurface(WebApplicationBuilder builder)
    {
        builder.Configuration["Pbx:Ami:Port"] = "0";
        builder.Configuration["Pbx:Ami:Address"] = "127.0.0.1";
        builder.Configuration["Pbx:Ami:BufferEvents"] = BufferEvents.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Pbx:Ami:SendBufferBytes"] = "4096";
        builder.Services.AddAmi();
    }

    protected override void MapSurface(WebApplication app) => app.MapAmi();

    /// <summary>
    /// A fresh tenant: manual phones 102, 103 and 104 (registered), queue <c>sales</c> on 600 with member 103, parking
    /// lot <c>default</c> with slots 701–705, and two manager users: <c>admin</c> (everything) and <c>reader</c> (reads
    /// calls, writes nothing).
    /// </summary>
    public async Task<string> NewTenantAsync()
    {
        var id = $"ami{Interlocked.Increment(ref _tenants)}x{Guid.NewGuid():N}"[..20];
        var registered = new Registration("127.0.0.1", 5060, "test", "sip:test@127.0.0.1", Time.GetUtcNow());
        var result = await Pbx.Tenant(id).LoadAsync(new TenantDefinition
        {
            Id = id,
            Extensions =
            [
                new ExtensionConfig { Number = "102", Name = "Reception" },
                new ExtensionConfig { Number = "103", Name = "Sales" },
                new ExtensionConfig { Number = "104", Name = "Back office" },
            ],
            Queues = [new QueueConfig { Name = "sales", Number = "600", Members = [new QueueMemberConfig { Extension = "103" }] }],
            ParkingLots = [new ParkingLotConfig { Name = "default", FirstSlot = 701, SlotCount = 5, TimeoutSeconds = 0 }],
            Registrations = ImmutableDictionary<string, Registration>.Empty.Add("102", registered).Add("103", registered).Add("104", registered),
            Settings = new TenantSettings
            {
                Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add("ami", ImmutableDictionary<string, string>.Empty
                    .Add("user.admin", AdminSecret).Add("read.admin", "all").Add("write.admin", "all")
                    .Add("user.reader", ReaderSecret).Add("read.reader", "call")),
            },
        }, replace: false);
        Assert.True(result.IsOk, result.ToString());
        return id;
    }

    /// <summary>A client connected and logged in as <c>admin@{tenant}</c>.</summary>
    public async Task<AmiTestClient> LoginAsync(string tenant, string user = "admin", string secret = AdminSecret, string? events = null)
    {
        var client = await AmiTestClient.ConnectAsync(Endpoint);
        var answer = await client.ActionAsync("Login", ("Username", $"{user}@{tenant}"), ("Secret", secret), ("Events", events));
        Assert.Equal("Success", answer["Response"]);
        client.Tenant = tenant;
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class AmiCollection : ICollectionFixture<AmiFixture>
{
    public const string Name = "ami";
}
