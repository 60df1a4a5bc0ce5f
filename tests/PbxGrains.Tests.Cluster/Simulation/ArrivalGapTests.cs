using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// The gaps between an inbound generator's arrivals, as the calls record them (each CDR's start), are exponential with
/// the configured rate: a Kolmogorov–Smirnov test over about 600 gaps. On the stepped clock it is a test (and a
/// deliberately wrong rate must be rejected, so the check can fail); on the scaled clock, where arrivals once lost their
/// due instants to the host's lateness (gaps shorter than a real millisecond vanished), it is a measurement that is
/// reported inconclusive when it fails while the host did not keep up.
/// </summary>
[Collection(SteppedClusterCollection.Name)]
public sealed class ArrivalGapTests(SteppedClusterFixture fixture)
{
    private const string Generator = "gaps";
    private const double CallsPerHour = 3600;

    // A call a second for ten minutes: about 600 gaps, enough for a KS test to tell a rate 1.5 times off (D about 0.15
    // against a critical value of 0.08 at the 0.1 % level) and few enough to keep the scaled runs to seconds.
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>The level at which the configured rate must not be rejected.</summary>
    private const double Significance = 0.01;

    /// <summary>The level at which a wrong rate must be rejected.</summary>
    private const double Rejection = 0.001;

    private static double RatePerSecond => CallsPerHour / 3600;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_the_stepped_clock_inbound_arrival_gaps_are_exponential_at_the_configured_rate_and_not_at_a_wrong_one()
    {
        var startAt = fixture.Driver.Now.AddSeconds(10);
        var tenant = await LoadAsync(fixture.Pbx, startAt);
        await fixture.Driver.RunUntilAsync(startAt + Window + TimeSpan.FromMinutes(1), Cancellation);

        var gaps = await GapsAsync(fixture.Pbx, tenant, startAt);
        var verdict = KolmogorovSmirnov.Exponential(gaps, RatePerSecond);
        TestContext.Current.TestOutputHelper?.WriteLine($"stepped: {verdict}");
        Assert.InRange(gaps.Count, 450, 750);
        Assert.True(verdict.P >= Significance, $"the gaps should be exponential at {CallsPerHour} calls an hour: {verdict}");

        foreach (var factor in new[] { 1.5, 1 / 1.5 })
        {
            var wrong = KolmogorovSmirnov.Exponential(gaps, RatePerSecond * factor);
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"against {factor:0.###} × the rate: {wrong}"));
            Assert.True(wrong.P < Rejection, $"a rate {factor:0.###} times the configured one should be rejected: {wrong}");
        }
    }

    [Fact]
    public async Task On_a_scaled_clock_inbound_arrival_gaps_are_exponential_at_the_configured_rate_while_the_host_keeps_up()
    {
        var inconclusive = new List<string>();
        foreach (var speed in new[] { 200.0, 1000.0 })
        {
            await using var cluster = await ScaledCluster.StartAsync(speed);
            var startAt = cluster.Time.GetUtcNow().AddSeconds(2 * speed);
            var tenant = await LoadAsync(cluster.Pbx, startAt);
            // Until the generator is done and its last calls have ended (and written their CDRs): on a busy machine the
            // last call may still be live when the generator stops.
            await cluster.WaitUntilAsync(
                startAt + Window,
                async () => (await cluster.Pbx.Traffic(tenant, Generator).GetAsync()).NextArrival is null && (await cluster.Pbx.ListCallsAsync(tenant)).IsEmpty,
                Cancellation);
            var (maxLate, meanLate) = cluster.Lag();

            var gaps = await GapsAsync(cluster.Pbx, tenant, startAt);
            var verdict = KolmogorovSmirnov.Exponential(gaps, RatePerSecond);
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"speed {speed}: {verdict}; timers fired {meanLate.TotalSeconds:0.###} s late on average, {maxLate.TotalSeconds:0.###} s at worst (simulated)"));
            if (verdict.P >= Significance)
            {
                continue;
            }

            // Arrivals carry their due instants, so lateness alone no longer changes a gap; a generator that fell so
            // far behind that it skipped arrivals (a busy source) or a host that lost calls would.
            Assert.True(maxLate > TimeSpan.Zero, $"at speed {speed} the gaps are not exponential although no timer fired late: {verdict}");
            inconclusive.Add(string.Create(CultureInfo.InvariantCulture, $"at speed {speed} ({verdict}) a timer fired {maxLate.TotalSeconds:0.###} s (simulated) late"));
        }

        if (inconclusive.Count > 0)
        {
            Assert.Skip($"inconclusive: the gaps were rejected {string.Join("; ", inconclusive)}: the host did not keep up");
        }
    }

    /// <summary>The gaps between consecutive arrivals, the first from the generator's start (the process has no memory).</summary>
    private static async Task<IReadOnlyList<double>> GapsAsync(PbxClient pbx, string tenant, DateTimeOffset startAt)
    {
        var starts = new List<DateTimeOffset>();
        for (var day = DateOnly.FromDateTime(startAt.UtcDateTime); day <= DateOnly.FromDateTime(pbx.Clock.Now.UtcDateTime); day = day.AddDays(1))
        {
            starts.AddRange((await pbx.ListCdrsAsync(tenant, day)).Select(c => c.Start));
        }

        var placed = (await pbx.Traffic(tenant, Generator).GetAsync()).Placed;
        Assert.Equal(placed, starts.Count);
        starts.Sort();
        return [.. starts.Prepend(startAt).Zip(starts, (a, b) => (b - a).TotalSeconds)];
    }

    /// <summary>A queue whose one member is paused: every caller waits two seconds, gives up and leaves a CDR.</summary>
    private static async Task<string> LoadAsync(PbxClient pbx, DateTimeOffset startAt)
    {
        var id = "ks" + Guid.NewGuid().ToString("N");
        var definition = Define.Tenant(id, [Define.Phone("4001")]) with
        {
            Settings = new TenantSettings { Seed = 1818 },
            Queues = [Define.Queue("q", "600", QueueStrategy.RingAll, Define.Member("4001", paused: true))],
            Traffic =
            [
                new TrafficConfig
                {
                    Name = Generator,
                    Target = "600",
                    CallsPerHour = CallsPerHour,
                    Patience = Distribution.Constant(2),
                    StartAt = startAt,
                    StopAt = startAt + Window,
                },
            ],
        };
        var loaded = await pbx.Tenant(id).LoadAsync(definition, replace: false);
        Assert.True(loaded.IsOk, $"the scenario should load: {loaded}");
        return id;
    }
}
