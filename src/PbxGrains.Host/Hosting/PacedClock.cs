using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Simulation.Stepping;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// The paced exact clock in the host (<c>Pbx:Clock:Exact</c>): one work counter for the silo, and the driver that
/// fires the clock's timers as a hosted service. The driver must see all the cluster's work, which only a one-process
/// deployment gives it (one silo, serving the API too), so any other is refused at start.
/// </summary>
public sealed class PacedClock
{
    private readonly SteppedTimeProvider _time;
    private readonly WorkTracker _work = new();

    private PacedClock(SteppedTimeProvider time) => _time = time;

    /// <exception cref="HostConfigurationException">The deployment is not one process.</exception>
    public static PacedClock For(PbxDeployment deployment, SteppedTimeProvider time)
    {
        if (deployment.Role != PbxRole.SiloAndApi || deployment.Clustering != PbxClustering.Development)
        {
            throw new HostConfigurationException(
                $"{ClockOptions.SectionName}:Exact needs the whole cluster in this process (Orleans:Role SiloAndApi, Orleans:ClusteringProvider Development): "
                + $"its clock waits for every grain call of a step, and it cannot see another process's. This one is {deployment.Role} with {deployment.Clustering} clustering.");
        }

        return new PacedClock(time);
    }

    public void Configure(ISiloBuilder silo) => silo.AddWorkTracking(_work);

    public void Register(IServiceCollection services)
    {
        services.AddSingleton(sp => new PacedDriver(_time, _work, sp.GetRequiredService<ILogger<PacedDriver>>()));
        services.AddHostedService<Service>();
    }

    /// <summary>Runs the driver for the host's lifetime.</summary>
    private sealed class Service(PacedDriver driver) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => driver.RunAsync(stoppingToken);
    }
}
