using System.Diagnostics;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// The queue with impatient callers against Erlang A (M/M/N+M): Poisson arrivals, exponential handle time, exponential
/// patience, N agents, first come first served, no wrap-up. A long stepped run must agree with the birth–death chain's
/// probability of waiting, probability of abandoning and mean time in queue, all over offered calls (answered +
/// abandoned). The method is <see cref="ErlangCTests"/>'s: hourly batch means and a 99.9 % t interval.
/// </summary>
[Collection(SteppedClusterCollection.Name)]
public sealed class ErlangATests(SteppedClusterFixture fixture)
{
    private const string Queue = "erlang-a";
    private const string QueueNumber = "701";
    private const string Generator = "impatient";

    // The vectors: h = 180 s, λ = 200 calls an hour (A = 10 Erlang, a load Erlang C cannot carry with 10
    // agents), N agents and a mean patience per run (the theory's data).
    private const double HandleSeconds = 180;
    private const double CallsPerHour = 200;
    private const double Erlangs = CallsPerHour * HandleSeconds / 3600;

    // Chosen before the run and kept: a failure with it is to be investigated, not seeded away.
    private const int Seed = 5;

    private const int Batches = 10;
    private static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan BatchLength = TimeSpan.FromHours(1);
    private static readonly TimeSpan Drain = TimeSpan.FromHours(1);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private PbxClient Pbx => fixture.Pbx;

    /// <summary>The three test vectors, from the exact birth–death chain (four significant figures).</summary>
    [Theory]
    [InlineData(10, 60, 0.4234, 0.1575, 9.45)]
    [InlineData(12, 60, 0.2404, 0.0759, 4.55)]
    [InlineData(10, 180, 0.5421, 0.1251, 22.52)]
    public void The_erlang_a_chain_gives_the_published_probabilities_and_mean_wait(int agents, double patience, double waiting, double abandon, double meanWait)
    {
        var result = ErlangA.Solve(agents, erlangs: 10, handleSeconds: 180, patience);

        Assert.Equal(waiting, result.ProbabilityOfWaiting, 0.00005);
        Assert.Equal(abandon, result.ProbabilityOfAbandon, 0.00005);
        Assert.Equal(meanWait, result.MeanWaitSeconds, 0.005);
    }

    [Fact]
    public void With_very_patient_callers_erlang_a_becomes_erlang_c()
    {
        var result = ErlangA.Solve(5, 4, 60, meanPatienceSeconds: 1e12);

        Assert.Equal(ErlangC.ProbabilityOfWaiting(5, 4), result.ProbabilityOfWaiting, 1e-6);
        Assert.Equal(ErlangC.AverageSpeedOfAnswer(5, 4, 60), result.MeanWaitSeconds, 1e-4);
        Assert.Equal(0, result.ProbabilityOfAbandon, 1e-9);
    }

    /// <summary>
    /// Ten hours after a warm-up, in hourly batches of about 200 offered calls, each differenced from the queue's own
    /// statistics, for each of the three vectors (N = 10, patience 60 s: P(wait) 0.4234, P(abandon) 0.1575, Wq
    /// 9.45 s; N = 12, patience 60 s; N = 10, patience 180 s). Abandonment keeps the queue short (about 1.6 callers wait
    /// on average in the first), so successive waits are far less correlated than in the Erlang C test's queue at
    /// ρ = 0.8, and an hour holds many correlation times. Batches count a call when it settles (answered or abandoned),
    /// with its whole wait.
    /// </summary>
    [Theory]
    [InlineData(10, 60)]
    [InlineData(12, 60)]
    [InlineData(10, 180)]
    public async Task A_long_run_with_exponential_patience_agrees_with_erlang_a_on_waiting_abandoning_and_mean_wait(int agents, double meanPatienceSeconds)
    {
        var watch = Stopwatch.StartNew();
        var t0 = fixture.Driver.Now;
        var tenant = "erlanga" + Guid.NewGuid().ToString("N");
        var loaded = await Pbx.Tenant(tenant).LoadAsync(Scenario(tenant, agents, meanPatienceSeconds), replace: false);
        Assert.True(loaded.IsOk, $"the scenario should load: {loaded}");
        var queue = Pbx.Queue(tenant, Queue);
        var batches = new List<QueueStatistics>(Batches);
        try
        {
            await fixture.Driver.RunUntilAsync(t0 + WarmUp, Cancellation);
            await queue.ResetStatisticsAsync();
            var previous = (await queue.GetSnapshotAsync()).Statistics;
            for (var batch = 1; batch <= Batches; batch++)
            {
                await fixture.Driver.RunUntilAsync(t0 + WarmUp + (batch * BatchLength), Cancellation);
                var current = (await queue.GetSnapshotAsync()).Statistics;
                batches.Add(BatchMeans.Difference(current, previous));
                previous = current;
            }

            var generator = Pbx.Traffic(tenant, Generator);
            Assert.Equal(0, (await generator.GetAsync()).Skipped);
            TestTenant.Ok(await generator.StopAsync(), "stop the arrivals");
            await fixture.Driver.RunUntilAsync(fixture.Driver.Now + Drain, Cancellation);
            Assert.Empty(await Pbx.ListCallsAsync(tenant));
        }
        finally
        {
            await Pbx.DeleteTenantAsync(tenant);
            await fixture.Driver.SettleAsync(Cancellation);
        }

        var theory = ErlangA.Solve(agents, Erlangs, HandleSeconds, meanPatienceSeconds);
        var rows = new[]
        {
            BatchMeans.Compare("P(wait)", theory.ProbabilityOfWaiting, batches.Select(b => b.OfferedProbabilityOfWaiting)),
            BatchMeans.Compare("P(abandon)", theory.ProbabilityOfAbandon, batches.Select(b => b.ProbabilityOfAbandon)),
            BatchMeans.Compare("Wq (s)", theory.MeanWaitSeconds, batches.Select(b => b.OfferedAverageWaitSeconds)),
        };
        var table = Table(agents, meanPatienceSeconds, rows, batches, watch.Elapsed);
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        Assert.All(rows, row => Assert.True(row.Holds,
            $"{row.Measure}: the simulation gives {row.Estimate:0.0000}, Erlang A {row.Theory:0.0000}; the difference is more than {row.Tolerance:0.0000}.\n{table}"));
    }

    private static string Table(int agents, double meanPatienceSeconds, BatchMeans.Row[] rows, List<QueueStatistics> batches, TimeSpan elapsed)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"N = {agents}, A = {Erlangs} Erlang, h = {HandleSeconds} s, mean patience {meanPatienceSeconds} s, seed {Seed}; {batches.Count} batches of "
                + $"{BatchLength.TotalHours} h, {batches.Sum(b => b.AnsweredOrAbandoned)} calls offered; {elapsed.TotalSeconds:0.0} s of real time"),
            "measure      theory   estimate       SE  tolerance",
        };
        lines.AddRange(rows.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Measure,-10} {r.Theory,8:0.0000} {r.Estimate,10:0.0000} {r.StandardError,8:0.0000} {r.Tolerance,10:0.0000}")));
        lines.Add("batches (offered, P(wait), P(abandon), Wq): " + string.Join("; ", batches.Select(b => string.Create(CultureInfo.InvariantCulture,
            $"{b.AnsweredOrAbandoned} {b.OfferedProbabilityOfWaiting:0.000} {b.ProbabilityOfAbandon:0.000} {b.OfferedAverageWaitSeconds:0.0}"))));
        return string.Join('\n', lines);
    }

    /// <summary>As <see cref="ErlangCTests"/>' scenario, with callers that give up after an exponential patience.</summary>
    private static TenantDefinition Scenario(string id, int agentCount, double meanPatienceSeconds)
    {
        var agents = Enumerable.Range(2000, agentCount).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray();
        var phones = agents.Select(n => Define.Phone(n, PhoneMode.AutoAnswer) with
        {
            Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerDelay = Distribution.Constant(0) },
        });
        return Define.Tenant(id, phones) with
        {
            Settings = new TenantSettings { Trunk = "upc", Seed = Seed },
            Queues =
            [
                Define.Queue(Queue, QueueNumber, QueueStrategy.Linear, [.. agents.Select(a => Define.Member(a))]) with
                {
                    WrapUpSeconds = 0,
                    MaxCallers = 0,
                    MemberTimeoutSeconds = 600,
                },
            ],
            Traffic =
            [
                new TrafficConfig
                {
                    Name = Generator,
                    Kind = TrafficKind.Inbound,
                    Target = QueueNumber,
                    CallsPerHour = CallsPerHour,
                    TalkTime = Distribution.Exponential(HandleSeconds),
                    Patience = Distribution.Exponential(meanPatienceSeconds),
                    Trunk = "upc",
                },
            ],
        };
    }
}
