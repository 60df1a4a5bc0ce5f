using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PbxGrains.Client;
using PbxGrains.Grains.Timers;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Host.Health;

/// <summary>
/// Part of ready: whether this silo's timers fire on time. A silo that is behind still serves requests, so it is
/// degraded, not unhealthy (readiness stays up); the details carry the figures. An API-only process has no timers.
/// </summary>
public sealed class ClockLagHealthCheck(IServiceProvider services, PbxClock clock, IOptions<ClockOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<TimerLag>() is not { } lag)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No silo in this process: no timers to measure."));
        }

        var reading = lag.Latest;
        var behindNow = clock.Behind;
        var data = new Dictionary<string, object>
        {
            ["speed"] = reading.Speed,
            ["exact"] = clock.Exact,
            ["behindSeconds"] = behindNow.TotalSeconds,
            ["firings"] = reading.Firings,
            ["meanLateSimulatedSeconds"] = reading.MeanLate.TotalSeconds,
            ["maxLateSimulatedSeconds"] = reading.MaxLate.TotalSeconds,
            ["meanLateRealMilliseconds"] = reading.MeanLateReal.TotalMilliseconds,
            ["lagWarningSeconds"] = options.Value.LagWarningSeconds,
        };
        return Task.FromResult(ClockLagMonitor.IsBehind(reading, options.Value, behindNow)
            ? HealthCheckResult.Degraded(ClockLagMonitor.IsHeld(reading, options.Value, behindNow)
                ? string.Create(CultureInfo.InvariantCulture,
                    $"The exact clock is {behindNow.TotalSeconds:0.###} simulated s behind its pace and fired no timer in the last window: a step's grain work has not finished.")
                : string.Create(CultureInfo.InvariantCulture,
                    $"Timers fire {reading.MeanLate.TotalSeconds:0.###} simulated s late on average, above {options.Value.LagWarningSeconds}: the simulation is not keeping up with its clock")
                    + (clock.Exact ? " (the exact clock runs slower than its speed; the events stay in order)." : " (its statistics drift from the exact sample path)."), data: data)
            : HealthCheckResult.Healthy("Timers fire on time.", data));
    }
}
