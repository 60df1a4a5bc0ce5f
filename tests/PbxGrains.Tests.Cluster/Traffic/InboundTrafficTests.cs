using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;
using static PbxGrains.Tests.Cluster.Traffic.TrafficSetup;

namespace PbxGrains.Tests.Cluster.Traffic;

/// <summary>
/// Inbound generators: Poisson arrivals on the trunk into a queue, on the shared cluster's hand-moved clock. What
/// depends on when timers fire (arrivals as the clock runs, give-ups, long waits) is in
/// <see cref="SteppedInboundTrafficTests"/>; what stays here either does not move the clock or is about moving it in one
/// long step, which only a hand-moved clock does.
/// </summary>
public sealed class InboundTrafficTests(ClusterFixture fixture) : TrafficTest(fixture)
{
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
    public async Task A_late_burst_places_every_overdue_arrival_at_its_own_instant()
    {
        // Ten minutes at once: every arrival of those ten minutes is handled at their end, as on a host that fell behind.
        // Each caller still enters the queue at its own drawn instant, so the gaps between arrivals stay as drawn.
        var (t, generator) = await LoadWithAsync(QueueTenant(NewTenantId(), Inbound("calls", callsPerHour: 360)), "calls");
        var start = Time.GetUtcNow();
        var first = (await generator.GetAsync()).NextArrival!.Value;

        Advance(600);
        var view = await generator.CaughtUpAsync(Time.GetUtcNow());

        var queue = await Wait.Until(() => t.QueueAsync(Queue), q => q.Calls.Length == view.Placed, "the callers to wait");
        var entered = queue.Calls.Select(c => c.Entered).ToList();
        Assert.InRange(entered.Count, 22, 98);
        Assert.Equal(first, entered[0]);
        Assert.Equal(entered.Order(), entered);
        Assert.Equal(entered.Count, entered.Distinct().Count());
        Assert.All(entered, e => Assert.InRange(e, start, start.AddSeconds(600)));
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
    public async Task A_caller_id_list_is_drawn_from_instead_of_the_pattern()
    {
        var generator = Inbound("listed", callsPerHour: 0, initialCalls: 5) with { CallerIds = ["+3225551234", "+442071234567"] };
        var (t, _) = await LoadWithAsync(QueueTenant(NewTenantId(), generator), "listed");

        var queue = await Wait.Until(() => t.QueueAsync(Queue), q => q.Calls.Length == 5, "five callers to wait");

        Assert.All(queue.Calls, c => Assert.Contains(c.CallerIdNumber, new[] { "+3225551234", "+442071234567" }));
    }
}
