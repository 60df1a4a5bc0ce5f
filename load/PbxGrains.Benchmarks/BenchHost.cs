using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;
using PbxGrains.Grains.Hosting;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Surfaces.Tenancy;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Benchmarks;

/// <summary>
/// The default host's shape in one process: a silo (in-memory storage) with the IPPS endpoints beside it, served by
/// an in-memory test server rather than a socket so that the network stack is not what is measured. A tenant with
/// queue MC holds N live calls that wait (the queue's only member is paused), so the queue keeps working on its own
/// timers while it is polled, as it would under load.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string Tenant = "bench";

    private readonly WebApplication _app;

    private BenchHost(WebApplication app)
    {
        _app = app;
        Http = app.GetTestClient();
        Pbx = app.Services.GetRequiredService<PbxClient>();
    }

    public HttpClient Http { get; }

    public PbxClient Pbx { get; }

    public static async Task<BenchHost> StartAsync(int calls)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next());
            silo.AddMemoryGrainStorage(PbxSiloBuilderExtensions.StorageName);
            silo.AddPbxGrains();
        });
        builder.Services.AddPbxTenancy(builder.Configuration);
        builder.Services.AddTaridium();
        var app = builder.Build();
        app.UsePbxTenancy();
        app.UseRouting();
        app.MapTaridium();
        await app.StartAsync();

        var host = new BenchHost(app);
        await host.LoadAsync(calls);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task LoadAsync(int calls)
    {
        var loaded = await Pbx.Tenant(Tenant).LoadAsync(new TenantDefinition
        {
            Id = Tenant,
            Settings = new TenantSettings { Surfaces = Calls.SampleSurfaces },
            Extensions = [new ExtensionConfig { Number = "4002" }],
            Queues = [new QueueConfig { Name = "MC", Number = "600", Members = [new QueueMemberConfig { Extension = "4002", Paused = true }] }],
        }, replace: true);
        if (!loaded.IsOk)
        {
            throw new InvalidOperationException(loaded.ToString());
        }

        for (var i = 0; i < calls; i++)
        {
            var call = await Pbx.InboundAsync(Tenant, new InboundCallRequest { CallerIdNumber = "448450043606", Destination = "600" });
            if (!call.IsOk)
            {
                throw new InvalidOperationException(call.ToString());
            }
        }

        var snapshot = await Pbx.Queue(Tenant, "MC").GetSnapshotAsync();
        if (snapshot.Calls.Length != calls)
        {
            throw new InvalidOperationException($"the queue holds {snapshot.Calls.Length} calls, not {calls}");
        }
    }
}
