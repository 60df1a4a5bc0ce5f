using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// The traffic generators under the stepped clock: a scenario and its seed give the same calls, outcomes and
/// statistics in twin tenants and in a second run, although the calls get different ids and land on either silo.
/// </summary>
[Collection(SteppedClusterCollection.Name)]
public sealed class SeededTrafficTests(SteppedClusterFixture fixture)
{
    private const string Queue = "support";
    private static readonly string[] Generators = ["in", "internal", "out"];
    private static readonly TimeSpan TrafficLength = TimeSpan.FromMinutes(10);

    // Long enough for the last caller's patience and every drawn talk time to run out.
    private static readonly TimeSpan DrainLength = TimeSpan.FromMinutes(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private PbxClient Pbx => fixture.Pbx;

    [Fact]
    public async Task Seeded_traffic_gives_the_same_calls_outcomes_and_statistics_in_twin_tenants_and_in_a_second_run()
    {
        var first = await RunTwinsAsync();
        var second = await RunTwinsAsync();

        Assert.True(first.A.Cdrs.Count > 30, $"the generators should have placed calls: {first.A.Cdrs.Count} CDRs");
        Same(first.A, first.B);
        Same(first.A, second.A);
        Same(second.A, second.B);
    }

    private static void Same(Outcome expected, Outcome actual)
    {
        Assert.Equal(expected.Generators, actual.Generators);
        Assert.Equal(expected.Cdrs, actual.Cdrs);
        Assert.Equal(expected.Queue, actual.Queue);
    }

    private async Task<(Outcome A, Outcome B)> RunTwinsAsync()
    {
        var t0 = fixture.Driver.Now;

        // Loading starts the generators; both tenants start at the same instant, since only the driver moves the clock.
        var a = await LoadAsync();
        var b = await LoadAsync();
        await fixture.Driver.RunUntilAsync(t0 + TrafficLength, Cancellation);
        foreach (var tenant in new[] { a, b })
        {
            foreach (var generator in Generators)
            {
                TestTenant.Ok(await Pbx.Traffic(tenant, generator).StopAsync(), $"stop {generator}");
            }
        }

        await fixture.Driver.RunUntilAsync(t0 + TrafficLength + DrainLength, Cancellation);
        return (await OutcomeAsync(a, t0), await OutcomeAsync(b, t0));
    }

    private async Task<Outcome> OutcomeAsync(string tenant, DateTimeOffset t0)
    {
        Assert.Empty(await Pbx.ListCallsAsync(tenant));
        var generators = new List<string>();
        foreach (var name in Generators)
        {
            var view = await Pbx.Traffic(tenant, name).GetAsync();
            generators.Add($"{name}: placed {view.Placed}, skipped {view.Skipped}");
        }

        return new Outcome(
            await Outcomes.CdrsAsync(Pbx, tenant, t0),
            await Outcomes.QueueAsync(Pbx, tenant, Queue, t0),
            string.Join("; ", generators));
    }

    private async Task<string> LoadAsync()
    {
        var id = "tr" + Guid.NewGuid().ToString("N");
        var loaded = await Pbx.Tenant(id).LoadAsync(Scenario(id), replace: false);
        Assert.True(loaded.IsOk, $"the scenario should load: {loaded}");
        return id;
    }

    /// <summary>
    /// A small call centre: inbound callers to a queue with a random strategy and drawn wrap-up times, internal calls
    /// between six phones, and outbound calls that the outside world answers (or not) after drawn delays.
    /// </summary>
    private static TenantDefinition Scenario(string id)
    {
        string[] agents = ["2000", "2001", "2002", "2003"];
        string[] staff = ["3000", "3001", "3002", "3003", "3004", "3005"];
        var phones = agents.Select(n => Phone(n, Distribution.Uniform(1, 4)))
            .Concat(staff.Select(n => Phone(n, Distribution.Uniform(2, 6))));
        return Define.Tenant(id, phones) with
        {
            Settings = new TenantSettings
            {
                Trunk = "upc",
                Seed = 2026,
                OutsideWorld =
                [
                    new ExternalRule
                    {
                        Pattern = "_0800XXXX",
                        Delay = Distribution.Uniform(2, 8),
                        AnswerProbability = 0.8,
                        TalkTime = Distribution.Exponential(90),
                    },
                ],
            },
            Queues =
            [
                Define.Queue(Queue, "700", QueueStrategy.Random, [.. agents.Select(a => Define.Member(a))]) with
                {
                    WrapUpTime = Distribution.Uniform(2, 8),
                },
            ],
            Traffic =
            [
                new TrafficConfig
                {
                    Name = "in",
                    Target = "700",
                    CallsPerHour = 240,
                    InitialCalls = 3,
                    Patience = Distribution.Exponential(45),
                    TalkTime = Distribution.Exponential(60),
                },
                new TrafficConfig
                {
                    Name = "internal",
                    Kind = TrafficKind.Internal,
                    Sources = [.. staff],
                    CallsPerHour = 90,
                    TalkTime = Distribution.Exponential(45),
                },
                new TrafficConfig
                {
                    Name = "out",
                    Kind = TrafficKind.Outbound,
                    Sources = [.. staff],
                    Destinations = ["0800XXXX"],
                    CallsPerHour = 60,
                    TalkTime = Distribution.Exponential(120),
                },
            ],
        };
    }

    private static ExtensionConfig Phone(string number, Distribution answerDelay) =>
        Define.Phone(number, PhoneMode.AutoAnswer) with
        {
            Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerDelay = answerDelay },
        };

    private sealed record class Outcome(IReadOnlyList<string> Cdrs, string Queue, string Generators);
}
