using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using PbxGrains.Client;
using PbxGrains.Grains.Hosting;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Tests.Shared;

/// <summary>
/// A two-silo cluster whose call model runs on a fake clock, and a vendor surface over it on a test server: the base of
/// every surface test fixture. The fake clock is handed to the silos and to the surface's <see cref="PbxClient"/> only,
/// never registered as DI's <see cref="TimeProvider"/> (Orleans' membership and the surfaces' read models keep real
/// time). The surface talks to the cluster through the cluster's own client, as a silo-hosted API does: a separate
/// Orleans client cannot reach the in-process cluster's in-memory transport.
/// </summary>
public abstract class SurfaceTestHost(DateTimeOffset start) : IAsyncDisposable
{
    private InProcessTestCluster? _cluster;
    private WebApplication? _app;

    public FakeTimeProvider Time { get; } = new(start);

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public PbxClient Pbx { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Deploys the cluster and starts the surface; a fixture's InitializeAsync calls it.</summary>
    protected async ValueTask StartAsync()
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

        // The host's appsettings.json may come along with a referenced assembly; a test server configures itself.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IClusterClient>(_cluster.Client);
        builder.Services.AddSingleton<IGrainFactory>(_cluster.Client);
        builder.Services.AddPbxClient(Time);
        builder.Services.AddPbxTenancy(builder.Configuration);
        ConfigureSurface(builder);

        _app = builder.Build();
        _app.UsePbxTenancy();
        _app.UseRouting();
        _app.UsePbxSurfaceTenancy();
        _app.UsePbxSurfaceRefusals();
        MapSurface(_app);
        await _app.StartAsync();

        Http = _app.GetTestClient();
        Pbx = _app.Services.GetRequiredService<PbxClient>();
    }

    /// <summary>Registers the surface's services and settings (configuration, keyed clocks, …).</summary>
    protected abstract void ConfigureSurface(WebApplicationBuilder builder);

    protected abstract void MapSurface(WebApplication app);

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

        GC.SuppressFinalize(this);
    }
}
