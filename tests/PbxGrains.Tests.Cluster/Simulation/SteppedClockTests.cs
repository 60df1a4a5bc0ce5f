using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// The call model stepped event by event: runs end without polling, and the same script gives the same calls,
/// outcomes and statistics in any tenant and any run, on two silos. Every call of the script is given its own seed,
/// so its draws never depend on its id (ids are leased per process and carry the instant they were made).
/// </summary>
[Collection(SteppedClusterCollection.Name)]
public sealed class SteppedClockTests(SteppedClusterFixture fixture)
{
    private const string Queue = "sales";
    private static readonly TimeSpan RunLength = TimeSpan.FromMinutes(3);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private PbxClient Pbx => fixture.Pbx;

    /// <summary>Who calls whom, and when (seconds from the start of a run). Instants are distinct, so no two events of a tenant share one.</summary>
    private static readonly (double At, string What, Func<PbxClient, string, Task<PbxResult<CallSnapshot>>> Place)[] Script =
    [
        (0.0, "100 dials 200", (pbx, t) => pbx.DialAsync(t, Dial("100", "200", seed: 1))),
        (1.5, "101 dials an outside number that answers", (pbx, t) => pbx.DialAsync(t, Dial("101", "0800111", seed: 2))),
        (3.25, "102 dials 202, which never answers", (pbx, t) => pbx.DialAsync(t, Dial("102", "202", seed: 3))),
        (4.75, "103 dials an outside number that is busy", (pbx, t) => pbx.DialAsync(t, Dial("103", "0800222", seed: 4))),
        (6.5, "an outside caller reaches 201 and hangs up after 33 s", (pbx, t) => pbx.InboundAsync(t, Inbound("0611000001", "201", talk: 33, seed: 5))),
        (8.2, "a caller joins the queue", (pbx, t) => pbx.InboundAsync(t, Inbound("0611000002", "600", patience: 60, seed: 6))),
        (9.4, "a second caller joins the queue", (pbx, t) => pbx.InboundAsync(t, Inbound("0611000003", "600", patience: 60, seed: 7))),
        (10.6, "a third caller waits for a free member", (pbx, t) => pbx.InboundAsync(t, Inbound("0611000004", "600", patience: 60, seed: 8))),
        (12.9, "an impatient caller gives up after 8 s", (pbx, t) => pbx.InboundAsync(t, Inbound("0611000005", "600", patience: 8, seed: 9))),
        (14.1, "103 dials another outside number that answers", (pbx, t) => pbx.DialAsync(t, Dial("103", "0900123", seed: 10))),
        (16.3, "102 dials 203, which is busy", (pbx, t) => pbx.DialAsync(t, Dial("102", "203", seed: 11))),
    ];

    /// <summary>
    /// What the script means with constant delays, worked out by hand (offsets in seconds): when each call was
    /// answered and ended, how, and by whom.
    /// </summary>
    private static readonly string[] ConstantOutcome =
    [
        "+0 +2 +42 Answered SIP/200",
        "+1.5 +5.5 +30.5 Answered SIP/upc",
        "+3.25 - +15.25 NoAnswer SIP/202",
        "+4.75 - +6.75 Busy SIP/upc",
        "+6.5 +11.5 +44.5 Answered SIP/201",
        "+8.2 +11.2 +31.2 Answered SIP/300",
        "+9.4 +12.4 +32.4 Answered SIP/301",
        "+10.6 +34.2 +54.2 Answered SIP/300",
        "+12.9 - +20.9 NoAnswer ",
        "+14.1 +21.1 +71.1 Answered SIP/upc",
        "+16.3 - +16.3 Busy SIP/203",
    ];

    [Fact]
    public async Task The_same_script_gives_the_same_cdrs_and_queue_statistics_in_twin_tenants_and_in_a_second_run()
    {
        var first = await RunTwinsAsync(ConstantScenario);
        var second = await RunTwinsAsync(ConstantScenario);

        Assert.Equal(ConstantOutcome, first.A.Cdrs.Select(Outcomes.Summary));
        Assert.StartsWith("offered 4 | answered 3 | completed 3 | abandoned 1 | after waiting 1 | wait 29.6 | max wait 23.6", first.A.Queue, StringComparison.Ordinal);

        AllEqual(first, second);
    }

    [Fact]
    public async Task Drawn_delays_and_talk_times_repeat_exactly_when_each_call_has_its_seed()
    {
        var first = await RunTwinsAsync(DrawnScenario);
        var second = await RunTwinsAsync(DrawnScenario);

        Assert.Equal(Script.Length, first.A.Cdrs.Count);
        Assert.NotEqual(ConstantOutcome, first.A.Cdrs.Select(Outcomes.Summary));
        AllEqual(first, second);
    }

    [Fact]
    public async Task A_run_ends_at_its_end_instant_with_every_consequence_visible_and_nothing_due_later_fired()
    {
        var t0 = fixture.Driver.Now;
        var tenant = await LoadAsync(ConstantScenario);
        var call = TestTenant.Ok(await Pbx.DialAsync(tenant, Dial("100", "200")), "dial");

        await fixture.Driver.RunUntilAsync(t0.AddSeconds(10), Cancellation);

        // Read at once, without polling: the driver returns only when the cluster has come to rest.
        Assert.Equal(t0.AddSeconds(10), fixture.Driver.Now);
        var connected = await Pbx.Call(tenant, call.CallId).GetAsync();
        Assert.Equal((CallPhase.Connected, t0.AddSeconds(2)), (connected!.Phase, connected.Answered));
        Assert.Equal(DeviceState.InUse, (await Pbx.Extension(tenant, "200").GetAsync()).DeviceState);
        Assert.Equal(t0.AddSeconds(42), fixture.Clock.NextDue);

        await fixture.Driver.RunUntilAsync(t0.AddSeconds(60), Cancellation);

        var cdr = Assert.Single(await Pbx.ListCdrsAsync(tenant, DateOnly.FromDateTime(t0.UtcDateTime)));
        Assert.Equal((CdrDisposition.Answered, 42, 40, t0.AddSeconds(42)), (cdr.Disposition, cdr.Duration, cdr.BillSec, cdr.End));
        Assert.Empty(await Pbx.ListCallsAsync(tenant));
        Assert.Equal(DeviceState.NotInUse, (await Pbx.Extension(tenant, "200").GetAsync()).DeviceState);
        Assert.Equal(0, fixture.Work.InFlight);
    }

    /// <summary>
    /// What the work counter relies on, checked against Orleans itself: the outgoing filter sees (a) one-way calls,
    /// (b) the timer deliveries sent from the stepped clock's plain thread, synchronously, before the timer callback
    /// returns, and (c) the client's calls only when the client registers it: a silo's filters never see them.
    /// </summary>
    [Fact]
    public async Task The_outgoing_filters_see_one_way_calls_timer_deliveries_and_client_calls()
    {
        var t0 = fixture.Driver.Now;
        var tenant = await LoadAsync(ConstantScenario);

        fixture.SiloProbe.Record();
        fixture.ClientProbe.Record();
        TestTenant.Ok(await Pbx.DialAsync(tenant, Dial("100", "200")), "dial");
        await fixture.Driver.SettleAsync(Cancellation);
        var silo = fixture.SiloProbe.Stop();
        var client = fixture.ClientProbe.Stop();

        Assert.Contains(client, c => c.Method == "ICallGrain.DialAsync");
        Assert.DoesNotContain(silo, c => c.Method == "ICallGrain.DialAsync");
        Assert.Contains(silo, c => c.Method == "IChannelGrain.PublishAsync" && c.FromGrain);
        Assert.Contains(silo, c => c.Method == "ILiveCallsGrain.PublishAsync" && c.FromGrain);

        // 200 answers two seconds in: that timer alone is fired here, on this thread.
        Assert.Equal(t0.AddSeconds(2), fixture.Clock.NextDue);
        fixture.SiloProbe.Record();
        var thread = Environment.CurrentManagedThreadId;
        Assert.True(fixture.Clock.FireNext());
        var delivered = fixture.SiloProbe.Stop();
        Assert.Contains(new SeenCall("ICallGrain.OnTimerAsync", FromGrain: false, thread), delivered);

        await fixture.Driver.RunUntilAsync(t0.AddMinutes(1), Cancellation);
        var cdr = Assert.Single(await Pbx.ListCdrsAsync(tenant, DateOnly.FromDateTime(t0.UtcDateTime)));
        Assert.Equal((CdrDisposition.Answered, 40), (cdr.Disposition, cdr.BillSec));
    }

    private static void AllEqual((Outcome A, Outcome B) first, (Outcome A, Outcome B) second)
    {
        Assert.Equal(first.A.Cdrs, first.B.Cdrs);
        Assert.Equal(first.A.Queue, first.B.Queue);
        Assert.Equal(first.A.Cdrs, second.A.Cdrs);
        Assert.Equal(first.A.Queue, second.A.Queue);
        Assert.Equal(second.A.Cdrs, second.B.Cdrs);
        Assert.Equal(second.A.Queue, second.B.Queue);
    }

    /// <summary>Plays the script in two tenants loaded from one definition, interleaved on the one clock.</summary>
    private async Task<(Outcome A, Outcome B)> RunTwinsAsync(Func<string, TenantDefinition> scenario)
    {
        var t0 = fixture.Driver.Now;
        var a = await LoadAsync(scenario);
        var b = await LoadAsync(scenario);
        foreach (var (at, what, place) in Script)
        {
            // Rounded to the tick: AddSeconds(8.2) would truncate to 8.1999999 s.
            await fixture.Driver.RunUntilAsync(t0.AddTicks((long)Math.Round(at * TimeSpan.TicksPerSecond)), Cancellation);
            TestTenant.Ok(await place(Pbx, a), $"{what} (tenant a)");
            TestTenant.Ok(await place(Pbx, b), $"{what} (tenant b)");
        }

        await fixture.Driver.RunUntilAsync(t0 + RunLength, Cancellation);
        return (await OutcomeAsync(a, t0), await OutcomeAsync(b, t0));
    }

    private async Task<Outcome> OutcomeAsync(string tenant, DateTimeOffset t0)
    {
        Assert.Empty(await Pbx.ListCallsAsync(tenant));
        return new Outcome(await Outcomes.CdrsAsync(Pbx, tenant, t0), await Outcomes.QueueAsync(Pbx, tenant, Queue, t0));
    }

    private async Task<string> LoadAsync(Func<string, TenantDefinition> scenario)
    {
        var id = "s" + Guid.NewGuid().ToString("N");
        var loaded = await Pbx.Tenant(id).LoadAsync(scenario(id), replace: false);
        Assert.True(loaded.IsOk, $"the scenario should load: {loaded}");
        return id;
    }

    /// <summary>Constant delays and talk times: 200 answers after 2 s and hangs up after 40 s, and so on.</summary>
    private static TenantDefinition ConstantScenario(string id) => Scenario(id,
        answer: Distribution.Constant, talk: Distribution.Constant);

    /// <summary>The same tenant with every delay and talk time drawn around the constant one.</summary>
    private static TenantDefinition DrawnScenario(string id) => Scenario(id,
        answer: seconds => Distribution.Uniform(seconds / 2, seconds * 1.5), talk: Distribution.Exponential);

    private static TenantDefinition Scenario(string id, Func<double, Distribution> answer, Func<double, Distribution> talk) =>
        Define.Tenant(id,
        [
            Define.Phone("100"), Define.Phone("101"), Define.Phone("102"), Define.Phone("103"),
            AutoAnswer("200", answer(2), talk(40)),
            AutoAnswer("201", answer(5)),
            Define.Phone("202", PhoneMode.NoAnswer) with { RingTimerSeconds = 12 },
            Define.Phone("203", PhoneMode.Busy),
            AutoAnswer("300", answer(3), talk(20)),
            AutoAnswer("301", answer(3), talk(20)),
        ]) with
        {
            Settings = new TenantSettings
            {
                Trunk = "upc",
                Seed = 7,
                OutsideWorld =
                [
                    new ExternalRule { Pattern = "0800111", Delay = answer(4), TalkTime = talk(25) },
                    new ExternalRule { Pattern = "0800222", Outcome = ExternalOutcome.Busy, Delay = answer(2) },
                    new ExternalRule { Pattern = "_0900XXX", Delay = answer(7), TalkTime = talk(50) },
                ],
            },
            Queues = [Define.Queue(Queue, "600", QueueStrategy.RrMemory, Define.Member("300"), Define.Member("301"))],
        };

    private static ExtensionConfig AutoAnswer(string number, Distribution answerDelay, Distribution? talk = null) =>
        Define.Phone(number, PhoneMode.AutoAnswer) with
        {
            Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerDelay = answerDelay, TalkTime = talk },
        };

    private static DialRequest Dial(string from, string to, int? seed = null) => new() { FromExtension = from, Destination = to, Seed = seed };

    private static InboundCallRequest Inbound(string caller, string destination, double? patience = null, double? talk = null, int? seed = null) => new()
    {
        CallerIdNumber = caller,
        CallerIdName = $"Caller {caller}",
        Destination = destination,
        Trunk = "upc",
        PatienceSeconds = patience,
        TalkSeconds = talk,
        Seed = seed,
    };

    private sealed record class Outcome(IReadOnlyList<string> Cdrs, string Queue);
}
