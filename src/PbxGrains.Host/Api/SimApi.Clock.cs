using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PbxGrains.Client;
using PbxGrains.Grains.Timers;
using PbxGrains.Host.Api.Models;
using PbxGrains.Host.Health;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Host.Api;

/// <summary>The host's clock: the simulated now, its speed, and how late this silo's timers fire.</summary>
public static partial class SimApi
{
    private static void MapClock(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/sim/clock", GetClock).WithTags("Clock").RequireAuthorization(Security.ControlApiSecurity.CallerPolicy)
            .WithSummary("The simulated now, the clock's speed and how late timers fire (null in a process without a silo).");

    private static Ok<ClockResponse> GetClock(PbxClock clock, IOptions<ClockOptions> options, IServiceProvider services)
    {
        var lag = services.GetService<TimerLag>()?.Latest;
        return TypedResults.Ok(new ClockResponse(
            clock.Now,
            clock.Speed,
            clock.Exact,
            clock.Exact ? clock.Behind.TotalSeconds : null,
            lag is null ? null : new ClockLagResponse(
                lag.At,
                ClockLagMonitor.Window.TotalSeconds,
                lag.Firings,
                lag.MeanLate.TotalSeconds,
                lag.MaxLate.TotalSeconds,
                lag.MeanLateReal.TotalMilliseconds,
                lag.MaxLateReal.TotalMilliseconds,
                ClockLagMonitor.IsBehind(lag, options.Value, clock.Behind)),
            options.Value.LagWarningSeconds));
    }
}
