using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Starting, stopping and re-rating a running generator.</summary>
public sealed class TrafficControlTests(ClusterFixture fixture) : TrafficTest(fixture)
{
    [Fact]
    public async Task A_stopped_generator_places_no_more_calls_and_a_started_one_resumes()
    {
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600)), "calls");
        Advance(30);
        var before = await generator.CaughtUpAsync(Time.GetUtcNow());
        Assert.True(before.Placed > 0, "a call a second for 30 s placed nothing");

        TestTenant.Ok(await generator.StopAsync(), "stop");
        var stopped = await generator.GetAsync();
        Assert.Equal((false, (DateTimeOffset?)null), (stopped.Running, stopped.NextArrival));

        Advance(600);
        Assert.Equal(before.Placed, (await generator.GetAsync()).Placed);
        Assert.Equal(before.Placed, (await t.QueueAsync(Queue)).Statistics.Offered);

        TestTenant.Ok(await generator.StartAsync(), "start");
        Assert.True((await generator.GetAsync()).Running);
        Advance(30);
        var resumed = await generator.CaughtUpAsync(Time.GetUtcNow());
        Assert.True(resumed.Placed > before.Placed, "a restarted generator placed nothing in 30 s at a call a second");
    }

    [Fact]
    public async Task Stopping_or_starting_twice_is_harmless()
    {
        var (_, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 60)), "calls");

        TestTenant.Ok(await generator.StartAsync(), "start a running generator");
        var running = await generator.GetAsync();
        TestTenant.Ok(await generator.StopAsync(), "stop");
        TestTenant.Ok(await generator.StopAsync(), "stop again");

        Assert.NotNull(running.NextArrival);
        Assert.False((await generator.GetAsync()).Running);
    }

    [Fact]
    public async Task A_rate_of_zero_stops_arrivals_and_a_higher_rate_resumes_them()
    {
        var (_, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600)), "calls");

        TestTenant.Ok(await generator.SetRateAsync(0), "rate 0");
        var idle = await generator.GetAsync();
        Assert.Equal((true, 0.0, (DateTimeOffset?)null), (idle.Running, idle.Config.CallsPerHour, idle.NextArrival));
        Advance(600);
        Assert.Equal(idle.Placed, (await generator.GetAsync()).Placed);

        TestTenant.Ok(await generator.SetRateAsync(7200), "rate 7200");
        Assert.Equal(7200, (await generator.GetAsync()).Config.CallsPerHour);
        Advance(60);
        var busy = await generator.CaughtUpAsync(Time.GetUtcNow());

        // 7200 an hour for 60 s: Poisson with mean 120, at least 120 - 5·√120 ≈ 65.
        Assert.InRange(busy.Placed - idle.Placed, 65, 175);
    }

    [Fact]
    public async Task A_rate_change_on_a_stopped_generator_is_kept_for_when_it_starts()
    {
        var (_, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 60) with { Enabled = false }), "calls");

        TestTenant.Ok(await generator.SetRateAsync(120), "rate 120");

        var view = await generator.GetAsync();
        Assert.Equal((false, 120.0, (DateTimeOffset?)null), (view.Running, view.Config.CallsPerHour, view.NextArrival));
        TestTenant.Ok(await generator.StartAsync(), "start");
        Assert.NotNull((await generator.GetAsync()).NextArrival);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(1_000_001)]
    [InlineData(double.PositiveInfinity)]
    public async Task An_invalid_rate_is_refused_and_the_rate_stays(double rate)
    {
        var (_, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 60)), "calls");

        var result = await generator.SetRateAsync(rate);

        Assert.Equal(DomainError.InvalidArgument, result.Error);
        Assert.StartsWith("callsPerHour: ", result.Detail);
        Assert.Equal(60, (await generator.GetAsync()).Config.CallsPerHour);
    }

    [Fact]
    public async Task An_unknown_generator_is_not_found()
    {
        var t = await LoadTrackedAsync(QueueTenant(NewTenantId()));
        var generator = Pbx.Traffic(t.Id, "nobody");

        Assert.False((await generator.GetAsync()).Exists);
        Assert.Equal(DomainError.TrafficNotFound, (await generator.StartAsync()).Error);
        Assert.Equal(DomainError.TrafficNotFound, (await generator.StopAsync()).Error);
        Assert.Equal(DomainError.TrafficNotFound, (await generator.SetRateAsync(60)).Error);
        Assert.False((await generator.GetAsync()).Exists);
    }
}
