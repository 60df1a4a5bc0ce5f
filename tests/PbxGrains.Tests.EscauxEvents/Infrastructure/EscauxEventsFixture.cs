using System.Collections.Immutable;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Client.Events;
using PbxGrains.Surfaces.Escaux;
using PbxGrains.Surfaces.Escaux.Events;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.EscauxEvents.Infrastructure;

/// <summary>
/// A two-silo cluster on a fake clock, the Escaux surface (ccPing among its endpoints) on a test server, and the real event socket on an ephemeral loopback
/// port with a small outbox and send buffer (so a consumer that stops reading is found out after a few hundred events).
/// </summary>
public sealed class EscauxEventsFixture() : SurfaceTestHost(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)), IAsyncLifetime
{
    public const int BufferEvents = 64;

    private int _tenants;

    public EventSocketServer Server => Services.GetRequiredService<EventSocketServer>();

    public CallEventFeed Feed => Services.GetRequiredService<CallEventFeed>();

    public IPEndPoint SocketEndpoint => Server.LocalEndpoint ?? throw new InvalidOperationException("The event socket is not listening.");

    public ValueTask InitializeAsync() => StartAsync();

    protected override void ConfigureSurface(WebApplicationBuilder builder)
    {
        builder.Configuration["Escaux:EventSocket:Port"] = "0";
        builder.Configuration["Escaux:EventSocket:Address"] = "127.0.0.1";
        builder.Configuration["Escaux:EventSocket:BufferEvents"] = BufferEvents.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Configuration["Escaux:EventSocket:SendBufferBytes"] = "4096";
        builder.Services.AddEscaux();
    }

    protected override void MapSurface(WebApplication app) => app.MapEscaux();

    /// <summary>
    /// A fresh tenant: manual phones 102, 103 and 104 (registered), queue <c>sales</c> on 600 ringing 103, parking lot
    /// <c>default</c> with slots 701–705 and no timeout; with <paramref name="eventSocketPassword"/>, its events need it.
    /// </summary>
    public async Task<string> NewTenantAsync(string? id = null, string? eventSocketPassword = null)
    {
        id ??= $"esc{Interlocked.Increment(ref _tenants)}x{Guid.NewGuid():N}"[..20];
        var registered = new Registration("127.0.0.1", 5060, "test", "sip:test@127.0.0.1", Time.GetUtcNow());
        var result = await Pbx.Tenant(id).LoadAsync(new TenantDefinition
        {
            Id = id,
            Settings = eventSocketPassword is null
                ? new TenantSettings()
                : new TenantSettings
                {
                    Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
                        .Add("escaux", ImmutableDictionary<string, string>.Empty.Add("eventSocketPassword", eventSocketPassword)),
                },
            Extensions =
            [
                new ExtensionConfig { Number = "102", Name = "Reception" },
                new ExtensionConfig { Number = "103", Name = "Sales" },
                new ExtensionConfig { Number = "104", Name = "Back office" },
            ],
            Queues = [new QueueConfig { Name = "sales", Number = "600", Members = [new QueueMemberConfig { Extension = "103" }] }],
            ParkingLots = [new ParkingLotConfig { Name = "default", FirstSlot = 701, SlotCount = 5, TimeoutSeconds = 0 }],
            Registrations = ImmutableDictionary<string, Registration>.Empty.Add("102", registered).Add("103", registered).Add("104", registered),
        }, replace: id == "default");
        Assert.True(result.IsOk, result.ToString());
        return id;
    }

    public Task<EventSocketClient> ConnectAsync(string? tenant) => EventSocketClient.ConnectAsync(SocketEndpoint, tenant);
}

[CollectionDefinition(Name)]
public sealed class EscauxEventsCollection : ICollectionFixture<EscauxEventsFixture>
{
    public const string Name = "escaux-events";
}
