using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>Inbound generators: Poisson arrivals on the trunk into a queue, driven by the fake clock.</summary>
public sealed class InboundTrafficTests(ClusterFixture fixture) : TrafficTest(fixture)
{
    [Fact]
    public async Task An_inbound_generator_places_calls_into_its_queue_as_the_clock_advances()
    {
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 360)), "calls");
        Assert.True((await generator.GetAsync()).Running);

        for (var step = 0; step < 10; step++)
        {
            Advance(60);
        }

        var view = await generator.CaughtUpAsync(Time.GetUtcNow());

        // 360 calls an hour for 600 s: Poisson with mean 60, so 5 standard deviations (√60 ≈ 7.7) either side.
        Assert.InRange(view.Placed, 22, 98);
        Assert.Equal(0, view.Skipped);
        var queue = await Wait.Until(() => t.QueueAsync(Queue), q => q.Calls.Length == view.Placed, "the queue to show every placed call");
        Assert.Equal(view.Placed, queue.Statistics.Offered);
        Assert.All(queue.Calls, c => Assert.Equal(QueueCallerStatus.Waiting, c.Status));
        Assert.All(queue.Calls, c => Assert.Matches("^04[0-9]{8}$", c.CallerIdNumber));
    }

    [Fact]
    public async Task A_generator_places_the_same_calls_whether_the_clock_moves_in_one_step_or_many()
    {
        // Two generators with one seed (same tenant seed, same name) draw the same arrivals; one is moved through ten
        // minutes at once, the other in sixty steps. A generator that drew its next arrival from the time it handled
        // the last one, rather than from when that one was due, would place a single call in the long step.
        var once = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 360)), "calls");
        var stepped = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 360) with { Enabled = false }), "calls");

        Advance(600);
        var inOneStep = await once.Generator.CaughtUpAsync(Time.GetUtcNow());
        TestTenant.Ok(await once.Generator.StopAsync(), "stop the first generator");
        TestTenant.Ok(await stepped.Generator.StartAsync(), "start the second generator");
        for (var step = 0; step < 60; step++)
        {
            Advance(10);
        }

        var inSteps = await stepped.Generator.CaughtUpAsync(Time.GetUtcNow());

        Assert.InRange(inOneStep.Placed, 22, 98);
        Assert.Equal(inOneStep.Placed, inSteps.Placed);
        var first = await Wait.Until(() => once.Tenant.QueueAsync(Queue), q => q.Calls.Length == inOneStep.Placed, "the first queue to fill");
        var second = await Wait.Until(() => stepped.Tenant.QueueAsync(Queue), q => q.Calls.Length == inSteps.Placed, "the second queue to fill");
        Assert.Equal(first.Calls.Select(c => c.CallerIdNumber), second.Calls.Select(c => c.CallerIdNumber));
    }

    [Fact]
    public async Task A_sparse_generator_waits_more_than_a_day_for_an_arrival_and_places_it_once_due()
    {
        // Seed 2 draws a first gap of about 37 h at this rate. The generator's timer waits at most a day at a time (a
        // system timer cannot wait 50 days); waking early must not place the call early. Whole days keep the shared
        // clock's time of day.
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("sparse", callsPerHour: 0.04) with { Seed = 2 }), "sparse");
        var due = (await generator.GetAsync()).NextArrival!.Value;
        Assert.InRange(due - Time.GetUtcNow(), TimeSpan.FromDays(1), TimeSpan.FromDays(2));

        Advance(TimeSpan.FromDays(1).TotalSeconds);
        var early = await generator.GetAsync();
        Assert.Equal((0L, (DateTimeOffset?)due), (early.Placed, early.NextArrival));
        Assert.Empty((await t.QueueAsync(Queue)).Calls);

        Advance(TimeSpan.FromDays(1).TotalSeconds);

        var view = await generator.CaughtUpAsync(Time.GetUtcNow());
        Assert.True(view.Placed >= 1, "the arrival due after 37 h was not placed after 48 h");
        await Wait.Until(() => t.QueueAsync(Queue), q => q.Calls.Length == view.Placed, "the queue to show the placed calls");
    }

    [Fact]
    public async Task Initial_calls_are_placed_at_once_without_the_clock_moving()
    {
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("burst", callsPerHour: 0, initialCalls: 3)), "burst");

        var view = await Wait.Until(generator.GetAsync, v => v.Placed == 3, "the initial calls to be placed");

        Assert.Null(view.NextArrival);
        var queue = await Wait.Until(() => t.QueueAsync(Queue), q => q.Calls.Length == 3, "three callers to wait");
        Assert.Equal([1, 2, 3], queue.Calls.Select(c => c.Position));
    }

    [Fact]
    public async Task Two_tenants_loaded_from_one_definition_draw_the_same_callers()
    {
        var first = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("burst", callsPerHour: 0, initialCalls: 4)), "burst");
        var second = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("burst", callsPerHour: 0, initialCalls: 4)), "burst");

        var a = await Wait.Until(() => first.Tenant.QueueAsync(Queue), q => q.Calls.Length == 4, "the first queue to fill");
        var b = await Wait.Until(() => second.Tenant.QueueAsync(Queue), q => q.Calls.Length == 4, "the second queue to fill");

        Assert.Equal(a.Calls.Select(c => c.CallerIdNumber), b.Calls.Select(c => c.CallerIdNumber));
        Assert.Equal(4, a.Calls.Select(c => c.CallerIdNumber).Distinct().Count());
    }

    [Fact]
    public async Task Callers_with_patience_abandon_the_queue_when_no_agent_is_free()
    {
        var generator = Inbound("impatient", callsPerHour: 0, initialCalls: 2) with { Patience = Distribution.Constant(5) };
        var (t, traffic) = await LoadWithAsync(QueueTenant(NewTenantId(), generator), "impatient");
        await Wait.Until(() => t.QueueAsync(Queue), q => q.Calls.Length == 2, "two callers to wait");

        Advance(4);
        Assert.Equal(0, (await t.QueueAsync(Queue)).Statistics.Abandoned);
        Advance(1);

        var queue = await Wait.Until(() => t.QueueAsync(Queue), q => q.Statistics.Abandoned == 2, "both callers to abandon");
        Assert.Empty(queue.Calls);
        Assert.Equal((2, 0, 10.0), (queue.Statistics.Offered, queue.Statistics.Answered, queue.Statistics.TotalAbandonWaitSeconds));
        Assert.Equal(2, (await traffic.GetAsync()).Placed);
    }

    [Fact]
    public async Task A_caller_id_list_is_drawn_from_instead_of_the_pattern()
    {
        var generator = Inbound("listed", callsPerHour: 0, initialCalls: 5) with { CallerIds = ["+3225551234", "+442071234567"] };
        var (t, _) = await LoadWithAsync(QueueTenant(NewTenantId(), generator), "listed");

        var queue = await Wait.Until(() => t.QueueAsync(Queue), q => q.Calls.Length == 5, "five callers to wait");

        Assert.All(queue.Calls, c => Assert.Contains(c.CallerIdNumber, new[] { "+3225551234", "+442071234567" }));
    }
}
