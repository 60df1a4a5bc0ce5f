using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PbxGrains.Client;
using PbxGrains.Grains.Simulation.Stepping;
using PbxGrains.Grains.Timers;
using PbxGrains.Host.Health;
using PbxGrains.Host.Hosting;
using PbxGrains.Tests.Surfaces.DocumentExamples;

namespace PbxGrains.Tests.Surfaces.Hosting;

/// <summary>Whether the host keeps up with its clock: the readiness detail, and <c>GET /sim/clock</c> on the default host.</summary>
[Collection(DefaultHostCollection.Name)]
public sealed class ClockLagTests(DefaultHostFixture host)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timers_late_by_more_than_the_threshold_on_average_make_ready_degraded_with_the_figures()
    {
        var lag = new TimerLag();
        var check = new ClockLagHealthCheck(new ServiceCollection().AddSingleton(lag).BuildServiceProvider(), PbxClock.System,
            Options.Create(new ClockOptions { Speed = 1000, LagWarningSeconds = 1 }));

        lag.Record(TimeSpan.FromSeconds(0.5));
        lag.Roll(Now, 1000);
        var onTime = await check.CheckHealthAsync(new HealthCheckContext(), Cancellation);
        lag.Record(TimeSpan.FromSeconds(1));
        lag.Record(TimeSpan.FromSeconds(2));
        lag.Roll(Now, 1000);
        var late = await check.CheckHealthAsync(new HealthCheckContext(), Cancellation);

        Assert.Equal(HealthStatus.Healthy, onTime.Status);
        Assert.Equal(HealthStatus.Degraded, late.Status);
        Assert.Equal((1.5, 2.0, 1.5), ((double)late.Data["meanLateSimulatedSeconds"], (double)late.Data["maxLateSimulatedSeconds"], (double)late.Data["meanLateRealMilliseconds"]));
    }

    [Fact]
    public async Task An_exact_clock_held_by_a_step_that_never_settles_makes_ready_degraded_though_no_timer_fired_late()
    {
        var real = new FakeTimeProvider(Now);
        var exact = new SteppedTimeProvider(new ScaledTimeProvider(100, real, Now));
        using var timer = exact.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        var lag = new TimerLag();
        var check = new ClockLagHealthCheck(new ServiceCollection().AddSingleton(lag).BuildServiceProvider(), new PbxClock(exact),
            Options.Create(new ClockOptions { Speed = 100, Exact = true, LagWarningSeconds = 1 }));

        // The step fires and its work never ends: the clock stays at its instant while the pace goes on.
        real.Advance(TimeSpan.FromMilliseconds(10));
        exact.FireNext();
        lag.Roll(exact.GetUtcNow(), 100);
        var fresh = await check.CheckHealthAsync(new HealthCheckContext(), Cancellation);
        real.Advance(TimeSpan.FromSeconds(5));
        lag.Roll(exact.GetUtcNow(), 100);
        var held = await check.CheckHealthAsync(new HealthCheckContext(), Cancellation);

        Assert.Equal(HealthStatus.Healthy, fresh.Status);
        Assert.Equal(HealthStatus.Degraded, held.Status);
        Assert.Equal(500, (double)held.Data["behindSeconds"]);
        Assert.StartsWith("The exact clock is 500 simulated s behind its pace and fired no timer", held.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_silo_in_the_process_there_are_no_timers_and_ready_is_not_held_back()
    {
        var check = new ClockLagHealthCheck(new ServiceCollection().BuildServiceProvider(), PbxClock.System, Options.Create(new ClockOptions()));

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), Cancellation)).Status);
    }

    [Fact]
    public async Task The_clock_endpoint_shows_the_simulated_now_the_speed_and_the_lag_and_ready_details_the_clock_check()
    {
        using var clock = await host.Http.GetAsync("/sim/clock", Cancellation);
        using var ready = await host.Http.GetAsync("/health/ready", Cancellation);

        Assert.Equal(HttpStatusCode.OK, clock.StatusCode);
        var body = JsonNode.Parse(await clock.Content.ReadAsStringAsync(Cancellation))!;
        Assert.Equal(1, (double)body["speed"]!);
        Assert.False((bool)body["exact"]!);
        Assert.Null(body["behindSeconds"]);
        Assert.Equal(1, (double)body["lagWarningSeconds"]!);
        Assert.True(Math.Abs((DateTimeOffset.UtcNow - (DateTimeOffset)body["now"]!).TotalMinutes) < 5);
        Assert.NotNull(body["lag"]?["meanLateSeconds"]);
        Assert.Equal(5, (double)body["lag"]!["windowSeconds"]!);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var health = JsonNode.Parse(await ready.Content.ReadAsStringAsync(Cancellation))!;
        Assert.NotNull(health["checks"]?["silo"]);
        Assert.NotNull(health["checks"]?["clock"]?["data"]?["meanLateSimulatedSeconds"]);
    }
}
