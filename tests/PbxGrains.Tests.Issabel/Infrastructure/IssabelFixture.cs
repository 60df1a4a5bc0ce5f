using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Hosting;
using PbxGrains.Surfaces.Issabel;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Tests.Issabel.Infrastructure;

/// <summary>
/// A two-silo cluster whose call model runs on a fake clock, and the pbxapi surface over it on a test server. The fake
/// clock is handed to the silos and to the surface's PbxClient only (never DI's TimeProvider), so Orleans keeps real time.
/// </summary>
public sealed class IssabelFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private InProcessTestCluster? _cluster;
    private WebApplication? _app;
    private int _tenants;

    public FakeTimeProvider Time { get; } = new(Start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("not started");

    public PbxClient Pbx { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var cluster = new InProcessTestClusterBuilder(initialSilosCount: 2);
        cluster.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(PbxStorage.Name);
            silo.AddPbxGrains(Time);
        });
        _cluster = cluster.Build();
        await _cluster.DeployAsync();

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration[IssabelServices.HostKeySetting] = "test host key";
        builder.Services.AddSingleton<IClusterClient>(_cluster.Client);
        builder.Services.AddSingleton<IGrainFactory>(_cluster.Client);
        builder.Services.AddPbxClient(Time);
        builder.Services.AddPbxTenancy(builder.Configuration);
        _app = builder.Build();
        _app.UsePbxTenancy();
        _app.UseRouting();
        _app.MapIssabel();
        await _app.StartAsync();
        Http = _app.GetTestClient();
        Pbx = _app.Services.GetRequiredService<PbxClient>();
    }

    /// <summary>A fresh tenant holding the document's example data: extensions 1000–1003 (and 200, 201), ring group 600.</summary>
    public async Task<string> NewTenantAsync(string? lifetime = "86400", string password = "yourpassword")
    {
        var id = $"is{Interlocked.Increment(ref _tenants)}x{Guid.NewGuid():N}"[..20];
        var issabel = ImmutableDictionary<string, string>.Empty.Add("user.admin", password);
        if (lifetime is not null)
        {
            issabel = issabel.Add("accessTokenLifetime", lifetime);
        }

        var result = await Pbx.Tenant(id).LoadAsync(new TenantDefinition
        {
            Id = id,
            Settings = new TenantSettings { Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add("issabel", issabel) },
            Extensions =
            [
                new ExtensionConfig { Number = "1000", Name = "Antonio", Secret = "6bs0sPut0079" },
                new ExtensionConfig { Number = "1001", Name = "Jose", Secret = "Issab3l2018" },
                new ExtensionConfig { Number = "1002", Name = "Maria Granuja", Secret = "eec8ef4d15658f6b167910404d3cbdb0" },
                new ExtensionConfig { Number = "1003", Name = "Pedro Picapiedras", Secret = "05c7b12a812d3c1ee6df50794c512451" },
            ],
            RingGroups = [new RingGroupConfig { Number = "600", Description = "Sales", Members = ["200", "201"] }],
        }, replace: false);
        Assert.True(result.IsOk, result.ToString());
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IssabelCollection : ICollectionFixture<IssabelFixture>
{
    public const string Name = "issabel";
}
