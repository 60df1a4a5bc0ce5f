using System.Diagnostics;
using PbxGrains.Load.Hosting;
using PbxGrains.Load.Reports;

namespace PbxGrains.Load.Running;

/// <summary>
/// Samples the host process (<c>GET /load/process</c>) once a period for the whole run, so that every report draws the
/// host's CPU and memory over time, not only the start and end figures a scenario takes. One small request a second is
/// nothing beside the load itself; a sample that fails (a host killed by the chaos scenario, a host without the load
/// endpoints) is left out, and CPU is reckoned only between two samples of the same process.
/// </summary>
public sealed class HostSampler : IAsyncDisposable
{
    private readonly SimControl _sim;
    private readonly TimeSpan _period;
    private readonly List<HostSample> _samples = [];
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    private HostSampler(SimControl sim, TimeSpan period, CancellationToken ct)
    {
        _sim = sim;
        _period = period;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _loop = LoopAsync(_stop.Token);
    }

    public static HostSampler Start(SimControl sim, TimeSpan period, CancellationToken ct) => new(sim, period, ct);

    /// <summary>Stops sampling and answers what was sampled, in order.</summary>
    public async Task<IReadOnlyList<HostSample>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return _samples;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        (int Pid, double Cpu, double At)? previous = null;
        using var timer = new PeriodicTimer(_period);
        do
        {
            ProcessFigures figures;
            try
            {
                figures = await _sim.ProcessAsync(collect: false, ct);
            }
            catch (Exception error) when (error is HttpRequestException or InvalidOperationException or System.Text.Json.JsonException
                                              or TaskCanceledException && !ct.IsCancellationRequested)
            {
                previous = null;
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var at = clock.Elapsed.TotalSeconds;
            double? cpu = previous is { } p && p.Pid == figures.Pid && at > p.At && figures.CpuSeconds >= p.Cpu
                ? (figures.CpuSeconds - p.Cpu) / (at - p.At) * 100
                : null;
            _samples.Add(new HostSample(at, cpu, figures.WorkingSetBytes / 1048576.0, figures.ManagedHeapBytes / 1048576.0));
            previous = (figures.Pid, figures.CpuSeconds, at);
        }
        while (await Next(timer, ct));
    }

    private static async Task<bool> Next(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
