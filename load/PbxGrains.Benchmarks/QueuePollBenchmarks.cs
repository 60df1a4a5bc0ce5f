using BenchmarkDotNet.Attributes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Surfaces.Taridium;

namespace PbxGrains.Benchmarks;

/// <summary>
/// The poll as the API tier makes it, against a queue holding N live calls: the read of the queue grain's published
/// snapshot alone; that read and the rendering; and the whole request through the IPPS endpoint (tenancy, read
/// model, gates, grain call, rendering, response), its body drained into a reused buffer.
/// </summary>
[MemoryDiagnoser]
public class QueuePollBenchmarks
{
    private const string Path = "/t/" + BenchHost.Tenant + "/ipps/queueactive.php?queue_name=MC&res_cc=1";

    private readonly byte[] _drain = new byte[64 * 1024];
    private BenchHost _host = null!;
    private IQueueGrain _queue = null!;
    private IppsBuffer _buffer = null!;

    [Params(10, 100, 1000)]
    public int Calls { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchHost.StartAsync(Calls);
        _queue = _host.Pbx.Queue(BenchHost.Tenant, "MC");
        _buffer = new IppsBuffer();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _buffer.Dispose();
        await _host.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "grain: GetSnapshotAsync")]
    public Task<QueueSnapshot> Snapshot() => _queue.GetSnapshotAsync();

    [Benchmark(Description = "grain + render res_cc=1")]
    public async Task<int> PollAndRender()
    {
        var snapshot = await _queue.GetSnapshotAsync();
        _buffer.Clear();
        IppsFormat.QueueActive(_buffer, [snapshot], Benchmarks.Calls.Settings, Benchmarks.Calls.Countries, resolveCountries: true);
        return _buffer.Length;
    }

    [Benchmark(Description = "HTTP GET queueactive.php res_cc=1")]
    public async Task<int> Request()
    {
        using var response = await _host.Http.GetAsync(Path, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        int read, total = 0;
        while ((read = await body.ReadAsync(_drain)) > 0)
        {
            total += read;
        }

        return total;
    }
}
