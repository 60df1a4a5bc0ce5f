using PbxGrains.Tests.Cluster.Infrastructure;
using PbxGrains.Tests.Cluster.Simulation;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Stopping, starting and re-rating a running generator, on the stepped clock: what stopped places nothing more.</summary>
public sealed class SteppedTrafficControlTests(SteppedClusterFixture fixture) : SteppedTrafficTest(fixture)
{
    [Fact]
    public async Task A_stopped_generator_places_no_more_calls_and_a_started_one_resumes()
    {
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600)), "calls");
        await RunForAsync(30);
        var before = await generator.GetAsync();
        Assert.True(before.Placed > 0, "a call a second for 30 s placed nothing");

        TestTenant.Ok(await generator.StopAsync(), "stop");
        var stopped = await generator.GetAsync();
        Assert.Equal((false, (DateTimeOffset?)null), (stopped.Running, stopped.NextArrival));

        await RunForAsync(600);

        Assert.Equal(before.Placed, (await generator.GetAsync()).Placed);
        Assert.Equal(before.Placed, (await QueueAsync(t)).Statistics.Offered);

        TestTenant.Ok(await generator.StartAsync(), "start");
        Assert.True((await generator.GetAsync()).Running);
        await RunForAsync(30);

        var resumed = await generator.GetAsync();
        Assert.True(resumed.Placed > before.Placed, "a restarted generator placed nothing in 30 s at a call a second");
        Assert.Equal(resumed.Placed, (await QueueAsync(t)).Statistics.Offered);
    }

    [Fact]
    public async Task A_rate_of_zero_stops_arrivals_and_a_higher_rate_resumes_them()
    {
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 3600)), "calls");

        TestTenant.Ok(await generator.SetRateAsync(0), "rate 0");
        var idle = await generator.GetAsync();
        Assert.Equal((true, 0.0, (DateTimeOffset?)null), (idle.Running, idle.Config.CallsPerHour, idle.NextArrival));
        await RunForAsync(600);
        Assert.Equal(idle.Placed, (await generator.GetAsync()).Placed);

        TestTenant.Ok(await generator.SetRateAsync(7200), "rate 7200");
        Assert.Equal(7200, (await generator.GetAsync()).Config.CallsPerHour);
        await RunForAsync(60);

        // 7200 an hour for 60 s: Poisson with mean 120, 5 standard deviations (√120 ≈ 11) either side.
        var busy = await generator.GetAsync();
        Assert.InRange(busy.Placed - idle.Placed, 65, 175);
        Assert.Equal(busy.Placed, (await QueueAsync(t)).Statistics.Offered);
    }
}
