using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// Logical time (issue 18): one scenario and seed give the same CDRs, line for line, and the same queue statistics on
/// the stepped clock (the exact sample path) and on a scaled clock at two speeds, because every event carries its
/// cause's simulated instant through the grains it crosses. The scaled runs take real time (a few seconds each), as
/// <see cref="ArrivalGapTests"/>' do. It holds only while the host keeps up: when the runs differ and a timer fired
/// later than the smallest gap between two events of the run, events may have been taken out of order (the count of
/// messages a queue got after a later event says how many), and the result is reported inconclusive instead of
/// failed. On the stepped clock no message may come out of order: that is asserted.
/// </summary>
[Collection(SteppedClusterCollection.Name)]
public sealed class LogicalTimeAgreementTests(SteppedClusterFixture fixture)
{
    private static readonly string[] Queues = ["sales", "support"];
    private static readonly string[] Generators = ["in-sales", "in-support"];
    private static readonly TimeSpan TrafficLength = TimeSpan.FromMinutes(20);

    // Long enough for every caller's patience and drawn talk time after the last arrival to run out.
    private static readonly TimeSpan DrainLength = TimeSpan.FromMinutes(40);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_scenario_and_seed_give_the_same_cdrs_and_queue_statistics_on_the_stepped_clock_and_on_a_scaled_clock_at_two_speeds()
    {
        var exact = await SteppedRunAsync();
        Assert.True(exact.Cdrs.Count > 150, $"the generators should have placed about 200 calls: {exact.Cdrs.Count} CDRs");
        Report("stepped", exact);

        var gap = SmallestGap(exact);
        var inconclusive = new List<string>();
        foreach (var speed in new[] { 200.0, 1000.0 })
        {
            var scaled = await ScaledRunAsync(speed);
            Report($"speed {speed}", scaled);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"speed {speed}: {exact.Cdrs.Zip(scaled.Cdrs).Count(p => p.First == p.Second)} of {exact.Cdrs.Count} CDRs the same as on the stepped clock");
            if (Same(exact, scaled))
            {
                continue;
            }

            ShowDifferences(exact, scaled);
            if (scaled.MaxLate < gap)
            {
                Assert.Equal(exact.Generators, scaled.Generators);
                Assert.Equal(exact.Queues, scaled.Queues);
                Assert.Equal(exact.Cdrs, scaled.Cdrs);
            }

            inconclusive.Add(string.Create(CultureInfo.InvariantCulture,
                $"at speed {speed} a timer fired {scaled.MaxLate.TotalSeconds:0.###} s (simulated) late, more than the smallest gap between two events ({gap.TotalSeconds:0.###} s), and {scaled.OutOfOrder} messages reached a queue after a later event"));
        }

        if (inconclusive.Count > 0)
        {
            Assert.Skip($"inconclusive: the runs differ, and {string.Join("; ", inconclusive)}: the host did not keep up");
        }
    }

    /// <summary>
    /// The paced exact clock (<c>Pbx:Clock:Exact</c>) takes events one at a time in due order, as the stepped clock does,
    /// while running at its speed: the same CDRs and statistics at both speeds, whatever the host's timing. A host that
    /// cannot keep up slows the clock down (the lag it reports) instead of taking events late.
    /// </summary>
    [Fact]
    public async Task The_paced_exact_clock_gives_the_stepped_clocks_cdrs_and_queue_statistics_at_two_speeds()
    {
        var exact = await SteppedRunAsync();
        foreach (var speed in new[] { 200.0, 1000.0 })
        {
            var paced = await ScaledRunAsync(speed, exact: true);
            Report($"paced, speed {speed}", paced);
            ShowDifferences(exact, paced);
            Assert.Equal(exact.Generators, paced.Generators);
            Assert.Equal(exact.Queues, paced.Queues);
            Assert.Equal(exact.Cdrs, paced.Cdrs);
            Assert.Equal(0, paced.OutOfOrder);
        }
    }

    private async Task<Run> SteppedRunAsync()
    {
        var startAt = fixture.Driver.Now.AddSeconds(10);
        var before = ScaledCluster.OutOfOrder(fixture.Cluster);
        var tenant = await LoadAsync(fixture.Pbx, startAt);
        await fixture.Driver.RunUntilAsync(startAt + TrafficLength + DrainLength, Cancellation);

        // The stepped clock moves only when every message has been handled: a queue never hears of an event after a
        // later one. (The collection's tests run one at a time, so the count is this run's.)
        Assert.Equal(0, ScaledCluster.OutOfOrder(fixture.Cluster) - before);
        return await OutcomeAsync(fixture.Pbx, tenant, startAt, TimeSpan.Zero, TimeSpan.Zero, 0);
    }

    private static async Task<Run> ScaledRunAsync(double speed, bool exact = false)
    {
        await using var cluster = await ScaledCluster.StartAsync(speed, exact);
        var pbx = cluster.Pbx;

        // The arrivals start two real seconds from now: loading the scenario is done by then (an instant already past
        // would be kept too, but the queues, configured at their own now, would then start after their first callers:
        // the first loading on a cold cluster took over a second).
        var startAt = cluster.Time.GetUtcNow().AddSeconds(2 * speed);
        var tenant = await LoadAsync(pbx, startAt);

        // Done when every generator has placed its last arrival (one far behind its clock still has overdue ones to
        // place after the stop instant has passed) and every call has ended.
        await cluster.WaitUntilAsync(startAt + TrafficLength, async () => await PlacedAllAsync(pbx, tenant) && (await pbx.ListCallsAsync(tenant)).Length == 0, Cancellation);
        var (maxLate, meanLate) = cluster.Lag();
        return await OutcomeAsync(pbx, tenant, startAt, maxLate, meanLate, cluster.OutOfOrder());
    }

    private static async Task<bool> PlacedAllAsync(PbxClient pbx, string tenant)
    {
        foreach (var name in Generators)
        {
            if ((await pbx.Traffic(tenant, name).GetAsync()).NextArrival is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<Run> OutcomeAsync(PbxClient pbx, string tenant, DateTimeOffset t0, TimeSpan maxLate, TimeSpan meanLate, long outOfOrder)
    {
        Assert.Empty(await pbx.ListCallsAsync(tenant));
        var generators = new List<string>();
        foreach (var name in Generators)
        {
            var view = await pbx.Traffic(tenant, name).GetAsync();
            generators.Add($"{name}: placed {view.Placed}, skipped {view.Skipped}");
        }

        var queues = new List<string>();
        var statistics = new List<QueueStatistics>();
        foreach (var queue in Queues)
        {
            queues.Add(await Outcomes.QueueAsync(pbx, tenant, queue, t0));
            statistics.Add((await pbx.Queue(tenant, queue).GetSnapshotAsync()).Statistics);
        }

        return new Run(await Outcomes.CdrsAsync(pbx, tenant, t0, t0 + TrafficLength + DrainLength), queues, string.Join("; ", generators), statistics, maxLate, meanLate, outOfOrder);
    }

    private static bool Same(Run expected, Run actual) =>
        expected.Generators == actual.Generators && expected.Queues.SequenceEqual(actual.Queues) && expected.Cdrs.SequenceEqual(actual.Cdrs);

    /// <summary>The smallest gap between two distinct instants of the exact run's CDRs (starts, answers, ends).</summary>
    private static TimeSpan SmallestGap(Run run)
    {
        var instants = run.Cdrs.SelectMany(l => l.Split(" | ").Take(3)).Where(f => f.StartsWith('+'))
            .Select(f => double.Parse(f[1..], CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        return TimeSpan.FromSeconds(instants.Zip(instants.Skip(1), (a, b) => b - a).DefaultIfEmpty(double.MaxValue / 2).Min());
    }

    /// <summary>The issue's figures for one run: mean wait (ASA), service level over offered calls, mean talk time, and how late timers fired.</summary>
    private static void Report(string label, Run run)
    {
        foreach (var (queue, s) in Queues.Zip(run.Statistics))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label}, {queue}: offered {s.AnsweredOrAbandoned}, ASA {s.AverageHoldSeconds:0.###} s, SL({s.ServiceLevelSeconds} s) {s.OfferedServiceLevelPercent:0.##}%, talk {s.AverageTalkSeconds:0.###} s"));
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: timers fired {run.MeanLate.TotalSeconds:0.###} s late on average, {run.MaxLate.TotalSeconds:0.###} s at worst (simulated); {run.OutOfOrder} queue messages out of order; {run.Cdrs.Count} CDRs"));
    }

    /// <summary>The first CDRs of the scaled run that differ from the exact run's, to see what went out of step.</summary>
    private static void ShowDifferences(Run exact, Run scaled)
    {
        var output = TestContext.Current.TestOutputHelper;
        foreach (var (e, s) in exact.Cdrs.Zip(scaled.Cdrs).Where(p => p.First != p.Second).Take(5))
        {
            output?.WriteLine($"exact:  {e}");
            output?.WriteLine($"scaled: {s}");
        }

        foreach (var (e, s) in exact.Queues.Zip(scaled.Queues).Where(p => p.First != p.Second))
        {
            output?.WriteLine($"exact:  {e}");
            output?.WriteLine($"scaled: {s}");
        }
    }

    private static async Task<string> LoadAsync(PbxClient pbx, DateTimeOffset startAt)
    {
        var id = "lt" + Guid.NewGuid().ToString("N");
        var loaded = await pbx.Tenant(id).LoadAsync(Scenario(id, startAt), replace: false);
        Assert.True(loaded.IsOk, $"the scenario should load: {loaded}");
        return id;
    }

    /// <summary>
    /// Two queues with exponential patience and talk times, near full load (callers wait, some give up, members wrap
    /// up), about 200 calls over 20 simulated minutes, stopped on schedule.
    /// </summary>
    private static TenantDefinition Scenario(string id, DateTimeOffset startAt)
    {
        string[] sales = ["2000", "2001", "2002", "2003", "2004"];
        string[] support = ["2100", "2101", "2102", "2103"];
        var phones = sales.Concat(support).Select(n => Define.Phone(n, PhoneMode.AutoAnswer) with
        {
            Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerDelay = Distribution.Uniform(1, 4) },
        });
        return Define.Tenant(id, phones) with
        {
            Settings = new TenantSettings { Trunk = "upc", Seed = 1818 },
            Queues =
            [
                Define.Queue("sales", "700", QueueStrategy.LeastRecent, [.. sales.Select(a => Define.Member(a))]),
                Define.Queue("support", "701", QueueStrategy.RoundRobin, [.. support.Select(a => Define.Member(a))]) with
                {
                    WrapUpTime = Distribution.Uniform(2, 8),
                },
            ],
            Traffic =
            [
                Inbound("in-sales", "700", 360, patience: 60, talk: 45, startAt),
                Inbound("in-support", "701", 240, patience: 45, talk: 60, startAt),
            ],
        };
    }

    private static TrafficConfig Inbound(string name, string target, double callsPerHour, double patience, double talk, DateTimeOffset startAt) => new()
    {
        Name = name,
        Target = target,
        CallsPerHour = callsPerHour,
        Patience = Distribution.Exponential(patience),
        TalkTime = Distribution.Exponential(talk),
        StartAt = startAt,
        StopAt = startAt + TrafficLength,
    };

    private sealed record class Run(IReadOnlyList<string> Cdrs, IReadOnlyList<string> Queues, string Generators, IReadOnlyList<QueueStatistics> Statistics, TimeSpan MaxLate, TimeSpan MeanLate, long OutOfOrder);
}
