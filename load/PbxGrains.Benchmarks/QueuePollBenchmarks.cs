using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Hosting;
using PbxGrains.Surfaces.Taridium;

namespace PbxGrains.Benchmarks;

/// <summary>
/// The poll through the grain: a silo in this process (as the default host runs), a queue holding N live calls, and
/// the API tier's read of its published snapshot — alone, and followed by the rendering. The calls wait (the queue's
/// only member is paused), so the queue keeps working on its own timers while it is polled, as it would under load.
/// </summary>
[MemoryDiagnoser]
public class QueuePollBenchmarks
{
    private const string Tenant = "bench";

    private IHost _host = null!;
    private IQueueGrain _queue = null!;
    private IppsBuffer _buffer = null!;

    [Params(10, 100, 1000)]
    public int Calls { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort());
            silo.AddMemoryGrainStorage(PbxSiloBuilderExtensions.StorageName);
            silo.AddPbxGrains();
        });
        _host = builder.Build();
        await _host.StartAsync();

        var pbx = _host.Services.GetRequiredService<PbxClient>();
        var loaded = await pbx.Tenant(Tenant).LoadAsync(new TenantDefinition
        {
            Id = Tenant,
            Extensions = [new ExtensionConfig { Number = "4002" }],
            Queues = [new QueueConfig { Name = "MC", Number = "600", Members = [new QueueMemberConfig { Extension = "4002", Paused = true }] }],
        }, replace: true);
        if (!loaded.IsOk)
        {
            throw new InvalidOperationException(loaded.ToString());
        }

        for (var i = 0; i < Calls; i++)
        {
            var call = await pbx.InboundAsync(Tenant, new InboundCallRequest { CallerIdNumber = "448450043606", Destination = "600" });
            if (!call.IsOk)
            {
                throw new InvalidOperationException(call.ToString());
            }
        }

        _queue = pbx.Queue(Tenant, "MC");
        var snapshot = await _queue.GetSnapshotAsync();
        if (snapshot.Calls.Length != Calls)
        {
            throw new InvalidOperationException($"the queue holds {snapshot.Calls.Length} calls, not {Calls}");
        }

        _buffer = new IppsBuffer();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _buffer.Dispose();
        await _host.StopAsync();
        _host.Dispose();
    }

    [Benchmark(Baseline = true, Description = "GetSnapshotAsync")]
    public Task<QueueSnapshot> Snapshot() => _queue.GetSnapshotAsync();

    [Benchmark(Description = "GetSnapshotAsync + render res_cc=1")]
    public async Task<int> PollAndRender()
    {
        var snapshot = await _queue.GetSnapshotAsync();
        _buffer.Clear();
        IppsFormat.QueueActive(_buffer, [snapshot], Benchmarks.Calls.Settings, Benchmarks.Calls.Countries, resolveCountries: true);
        return _buffer.Length;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
