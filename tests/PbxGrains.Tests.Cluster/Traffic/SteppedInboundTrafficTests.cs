using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Host.Scenarios;
using PbxGrains.Tests.Cluster.Simulation;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Inbound generators on the stepped clock: arrivals, give-ups and long waits happen at their exact instants.</summary>
public sealed class SteppedInboundTrafficTests(SteppedClusterFixture fixture) : SteppedTrafficTest(fixture)
{
    [Fact]
    public async Task An_inbound_generator_places_calls_into_its_queue_as_the_clock_advances()
    {
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 360)), "calls");
        var start = Now;
        Assert.True((await generator.GetAsync()).Running);

        await RunForAsync(600);

        var view = await generator.GetAsync();
        Assert.True(view.NextArrival > Now, $"an arrival due by now was not placed: next at {view.NextArrival:O}");

        // 360 calls an hour for 600 s: Poisson with mean 60, so 5 standard deviations (√60 ≈ 7.7) either side.
        Assert.InRange(view.Placed, 22, 98);
        Assert.Equal(0, view.Skipped);
        var queue = await QueueAsync(t);
        Assert.Equal((view.Placed, view.Placed), (queue.Calls.Length, queue.Statistics.Offered));
        Assert.All(queue.Calls, c => Assert.Equal(QueueCallerStatus.Waiting, c.Status));
        Assert.All(queue.Calls, c => Assert.Matches("^04[0-9]{8}$", c.CallerIdNumber));
        Assert.All(queue.Calls, c => Assert.InRange(c.Entered, start, Now));
        Assert.Equal(queue.Calls.Select(c => c.Entered).Order(), queue.Calls.Select(c => c.Entered));
    }

    [Fact]
    public async Task A_generator_with_a_start_and_a_stop_places_calls_only_between_them()
    {
        var startAt = Now.AddSeconds(60);
        var stopAt = startAt.AddSeconds(600);
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("window", callsPerHour: 360) with { StartAt = startAt, StopAt = stopAt }), "window");
        Assert.True((await generator.GetAsync()).NextArrival > startAt);
        await AssertArrivalsOnlyBetweenAsync(t, generator, startAt, stopAt);
    }

    [Fact]
    public async Task A_scenario_document_s_startAt_and_stopAt_place_arrivals_only_between_them()
    {
        var startAt = Now.AddSeconds(60);
        var stopAt = startAt.AddSeconds(600);
        var id = NewTenantId();
        var scenario = new ScenarioLoader(Pbx.Clock).Parse($$"""
            tenant: {{id}}
            extensions: [{number: "4001"}]
            queues: [{name: {{Queue}}, number: "{{Number}}", strategy: ringall, members: [{extension: "4001", paused: true}]}]
            traffic:
              - {name: window, target: "{{Number}}", callsPerHour: 360, startAt: "{{startAt:yyyy-MM-dd'T'HH:mm:ss.fffffff}}Z", stopAt: "{{stopAt.ToOffset(TimeSpan.FromHours(2)):yyyy-MM-dd'T'HH:mm:ss.fffffffK}}"}
            """, ScenarioFormat.Yaml);
        Assert.True(scenario.IsValid, scenario.ErrorText);
        Assert.Equal((startAt, stopAt), (scenario.Definition!.Traffic[0].StartAt, scenario.Definition.Traffic[0].StopAt));
        var (t, generator) = await LoadWithAsync(scenario.Definition, "window");
        await AssertArrivalsOnlyBetweenAsync(t, generator, startAt, stopAt);
    }

    /// <summary>Runs the clock through a generator's window and past it: nothing before the start, a share of 360/h inside, nothing after.</summary>
    private async Task AssertArrivalsOnlyBetweenAsync(string t, ITrafficGrain generator, DateTimeOffset startAt, DateTimeOffset stopAt)
    {
        await RunUntilAsync(startAt);
        Assert.Equal(0, (await generator.GetAsync()).Placed);

        await RunUntilAsync(stopAt.AddSeconds(600));

        var view = await generator.GetAsync();
        Assert.Null(view.NextArrival);
        Assert.InRange(view.Placed, 22, 98);
        var queue = await QueueAsync(t);
        Assert.Equal(view.Placed, queue.Calls.Length);
        Assert.All(queue.Calls, c => Assert.InRange(c.Entered, startAt, stopAt));
    }

    [Fact]
    public async Task A_sparse_generator_waits_more_than_a_day_for_an_arrival_and_places_it_once_due()
    {
        // Seed 2 draws a first gap of about 37 h at this rate. The generator's timer waits at most a day at a time (a
        // system timer cannot wait 50 days); waking early must not place the call early.
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("sparse", callsPerHour: 0.04) with { Seed = 2 }), "sparse");
        var due = (await generator.GetAsync()).NextArrival!.Value;
        Assert.InRange(due - Now, TimeSpan.FromDays(1), TimeSpan.FromDays(2));

        await RunUntilAsync(due - TimeSpan.FromTicks(1));

        var early = await generator.GetAsync();
        Assert.Equal((0L, (DateTimeOffset?)due), (early.Placed, early.NextArrival));
        Assert.Empty((await QueueAsync(t)).Calls);

        await RunUntilAsync(due);

        var view = await generator.GetAsync();
        Assert.Equal(1, view.Placed);
        Assert.True(view.NextArrival > due, $"the next arrival should follow the placed one: {view.NextArrival:O}");
        Assert.Equal(due, Assert.Single((await QueueAsync(t)).Calls).Entered);
    }

    [Fact]
    public async Task Callers_with_patience_abandon_the_queue_when_no_agent_is_free()
    {
        var impatient = Inbound("impatient", callsPerHour: 0, initialCalls: 2) with { Patience = Distribution.Constant(5) };
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), impatient), "impatient");
        var start = Now;
        Assert.Equal(2, (await QueueAsync(t)).Calls.Length);

        await RunUntilAsync(start.AddSeconds(5) - TimeSpan.FromTicks(1));

        var waiting = await QueueAsync(t);
        Assert.Equal((2, 0L), (waiting.Calls.Length, waiting.Statistics.Abandoned));

        await RunUntilAsync(start.AddSeconds(5));

        var queue = await QueueAsync(t);
        Assert.Empty(queue.Calls);
        Assert.Equal((2, 2, 0, 10.0), (queue.Statistics.Offered, queue.Statistics.Abandoned, queue.Statistics.Answered, queue.Statistics.TotalAbandonWaitSeconds));
        Assert.Equal(2, (await generator.GetAsync()).Placed);
        Assert.Empty(await Pbx.ListCallsAsync(t));
    }
}
