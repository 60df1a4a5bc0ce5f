using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using PbxGrains.Client;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Simulation.Stepping;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// A two-silo cluster of its own on a <see cref="ScaledTimeProvider"/>, as a host runs with <c>Pbx:Clock:Speed</c>, or
/// on the paced exact clock, as with <c>Pbx:Clock:Exact</c> too (a <see cref="SteppedTimeProvider"/> on the scaled one,
/// fired by a <see cref="PacedDriver"/>): the scaled half of a comparison with the stepped clock. It takes real time, so
/// the few tests that use it keep their runs to seconds.
/// </summary>
public sealed class ScaledCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _driving;

    private ScaledCluster(double speed, InProcessTestCluster cluster, TimeProvider time, PacedDriver? driver)
    {
        Speed = speed;
        _cluster = cluster;
        Time = time;
        Driver = driver;
        _driving = driver?.RunAsync(_stop.Token) ?? Task.CompletedTask;
        Pbx = new PbxClient(cluster.Client, new SequenceSource(cluster.Client), new PbxClock(time));
    }

    public double Speed { get; }

    public TimeProvider Time { get; }

    /// <summary>The driver of the paced clock; null on the plain scaled clock.</summary>
    public PacedDriver? Driver { get; }

    public PbxClient Pbx { get; }

    /// <param name="speed">Simulated seconds per real second.</param>
    /// <param name="exact">The paced exact clock rather than the plain scaled one.</param>
    public static async Task<ScaledCluster> StartAsync(double speed, bool exact = false)
    {
        var scaled = new ScaledTimeProvider(speed, start: SteppedClusterFixture.Start);
        var paced = exact ? new SteppedTimeProvider(scaled) : null;
        var work = exact ? new WorkTracker() : null;
        TimeProvider time = paced is null ? scaled : paced;
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(PbxStorage.Name);
            silo.AddPbxGrains(time);
            if (work is not null)
            {
                silo.AddWorkTracking(work);
            }
        });
        if (work is not null)
        {
            builder.ConfigureClient(client => client.AddWorkTracking(work));
        }

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ScaledCluster(speed, cluster, time, paced is null ? null : new PacedDriver(paced, work!, NullLogger.Instance));
    }

    /// <summary>How late timers fired since the last reading: the worst of the silos and their mean (simulated time).</summary>
    public (TimeSpan MaxLate, TimeSpan MeanLate) Lag()
    {
        var lag = _cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<TimerLag>().Roll(Time.GetUtcNow(), Speed)).ToList();
        return (lag.Max(l => l.MaxLate), TimeSpan.FromTicks((long)lag.Average(l => l.MeanLate.Ticks)));
    }

    /// <summary>Messages the cluster's queues received after a later event (<see cref="PbxMetrics.QueueMessagesOutOfOrder"/>).</summary>
    public long OutOfOrder() => OutOfOrder(_cluster);

    public static long OutOfOrder(InProcessTestCluster cluster) =>
        cluster.Silos.Sum(s => s.ServiceProvider.GetRequiredService<PbxMetrics>().QueueMessagesOutOfOrder);

    /// <summary>Waits, in real time, until the scaled clock reaches <paramref name="instant"/> and <paramref name="done"/> holds.</summary>
    public async Task WaitUntilAsync(DateTimeOffset instant, Func<Task<bool>> done, CancellationToken cancellationToken)
    {
        while (Time.GetUtcNow() < instant || !await done())
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _driving;
        await _cluster.DisposeAsync();
        _stop.Dispose();
    }
}
