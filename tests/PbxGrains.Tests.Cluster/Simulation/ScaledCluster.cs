using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PbxGrains.Client;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// A two-silo cluster of its own on a <see cref="ScaledTimeProvider"/>, as a host runs with <c>Pbx:Clock:Speed</c>: the
/// scaled half of a comparison with the stepped clock. It takes real time, so the few tests that use it keep their runs
/// to seconds.
/// </summary>
public sealed class ScaledCluster : IAsyncDisposable
{
    private readonly InProcessTestCluster _cluster;

    private ScaledCluster(double speed, InProcessTestCluster cluster, ScaledTimeProvider time)
    {
        Speed = speed;
        _cluster = cluster;
        Time = time;
        Pbx = new PbxClient(cluster.Client, new SequenceSource(cluster.Client), new PbxClock(time));
    }

    public double Speed { get; }

    public ScaledTimeProvider Time { get; }

    public PbxClient Pbx { get; }

    public static async Task<ScaledCluster> StartAsync(double speed)
    {
        var time = new ScaledTimeProvider(speed, start: SteppedClusterFixture.Start);
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(PbxStorage.Name);
            silo.AddPbxGrains(time);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ScaledCluster(speed, cluster, time);
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

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();
}
