using BenchmarkDotNet.Attributes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Taridium;

namespace PbxGrains.Benchmarks;

/// <summary>
/// Rendering one queueactive answer from a queue snapshot, as the stateless tier does on every poll. The buffer is
/// the pooled one a request uses (kept here between iterations, as the pool keeps it between requests), so the
/// allocation column shows what a poll's rendering leaves behind.
/// </summary>
[MemoryDiagnoser]
public class QueueActiveRenderBenchmarks
{
    private QueueSnapshot[] _queues = [];
    private IppsBuffer _buffer = null!;

    [Params(10, 100, 1000)]
    public int Calls { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _queues = [Benchmarks.Calls.Queue(Calls)];
        _buffer = new IppsBuffer();
    }

    [GlobalCleanup]
    public void Cleanup() => _buffer.Dispose();

    [Benchmark(Baseline = true, Description = "queueactive, res_cc=1")]
    public int WithCountries() => Render(resolveCountries: true);

    [Benchmark(Description = "queueactive")]
    public int WithoutCountries() => Render(resolveCountries: false);

    private int Render(bool resolveCountries)
    {
        _buffer.Clear();
        IppsFormat.QueueActive(_buffer, _queues, Benchmarks.Calls.Settings, Benchmarks.Calls.Countries, resolveCountries);
        return _buffer.Length;
    }
}
