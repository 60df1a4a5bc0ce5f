using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using PbxGrains.Abstractions.Client;
using PbxGrains.Grains.Hosting;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Tests.Surfaces.Infrastructure;

/// <summary>
/// One two-silo cluster and one test server over it for the whole suite. The call model runs on <see cref="Time"/>, a
/// fake clock the tests move by hand, handed to the silos and the API's <see cref="PbxClient"/> only (never registered
/// as DI's <see cref="TimeProvider"/>, which Orleans' membership and the IPPS read model keep on real time). The API
/// talks to the cluster through the cluster's own client, as a silo-hosted API does.
/// </summary>
public sealed class SurfaceFixture : IAsyncLifetime
{
    /// <summary>The morning of the Taridium document's queue sample (2009-03-09, New York on daylight time).</summary>
    public static readonly DateTimeOffset Start = new(2009, 3, 9, 12, 0, 0, TimeSpan.Zero);

    private InProcessTestCluster? _cluster;
    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = new(Start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public PbxClient Pbx { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server is not started.");

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

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();

        // The host's appsettings.json comes along with the scenario loader's assembly; this server configures itself.
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IClusterClient>(_cluster.Client);
        builder.Services.AddSingleton<IGrainFactory>(_cluster.Client);
        builder.Services.AddPbxClient(Time);
        builder.Services.AddPbxTenancy(builder.Configuration);
        builder.Services.AddTaridium();

        _app = builder.Build();
        _app.UsePbxTenancy();
        _app.UseRouting();
        _app.MapTaridium();
        await _app.StartAsync();

        Http = _app.GetTestClient();
        Pbx = _app.Services.GetRequiredService<PbxClient>();
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
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

/// <summary>Every surface test class joins this collection, so the suite deploys one cluster and shares one clock.</summary>
[CollectionDefinition(Name)]
public sealed class SurfaceCollection : ICollectionFixture<SurfaceFixture>
{
    public const string Name = "surfaces";
}
