using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Simulation;

/// <summary>
/// A queue whose callers wait for members busy in calls the queue does not see costs nothing while it waits: it hears
/// of a freed member from the member's extension (one way) instead of re-reading every member's extension on a timer.
/// Counted in grain calls on the stepped clock, not timed: before, such a queue made 180 calls a simulated minute (a look
/// a second: its own timer, and a read of each of its two members' extensions).
/// </summary>
[Collection(SteppedClusterCollection.Name)]
public sealed class IdleQueueCostTests(SteppedClusterFixture fixture)
{
    private const string Queue = "idle";
    private const double DirectTalkSeconds = 600;

    // The call model's interfaces: Orleans' own housekeeping (load statistics between silos) is not the queue's cost.
    private static readonly HashSet<string> PbxInterfaces = [.. typeof(IQueueGrain).Assembly.GetTypes().Where(t => t.IsInterface).Select(t => t.Name)];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private PbxClient Pbx => fixture.Pbx;

    [Fact]
    public async Task A_queue_whose_callers_wait_for_busy_members_makes_no_grain_calls_and_answers_when_a_member_is_freed()
    {
        var t0 = fixture.Driver.Now;
        var tenant = "idle" + Guid.NewGuid().ToString("N");
        TestTenant.Ok(await Pbx.Tenant(tenant).LoadAsync(Scenario(tenant), replace: false), "load");
        try
        {
            // Both members are taken by direct calls (from 100 and 101) the queue knows nothing of; then a caller waits.
            TestTenant.Ok(await Pbx.DialAsync(tenant, new DialRequest { FromExtension = "100", Destination = "300" }), "100 dials 300");
            TestTenant.Ok(await Pbx.DialAsync(tenant, new DialRequest { FromExtension = "101", Destination = "301" }), "101 dials 301");
            await fixture.Driver.RunUntilAsync(t0.AddSeconds(5), Cancellation);
            TestTenant.Ok(await Pbx.InboundAsync(tenant, new InboundCallRequest { CallerIdNumber = "0611000001", Destination = "600", Trunk = "upc" }), "a caller");
            await fixture.Driver.RunUntilAsync(t0.AddSeconds(10), Cancellation);
            Assert.Equal(QueueCallerStatus.Waiting, Assert.Single((await Pbx.Queue(tenant, Queue).GetSnapshotAsync()).Calls).Status);

            fixture.SiloProbe.Record();
            await fixture.Driver.RunUntilAsync(t0.AddSeconds(70), Cancellation);
            var seen = fixture.SiloProbe.Stop().Where(c => PbxInterfaces.Contains(c.Method[..c.Method.IndexOf('.', StringComparison.Ordinal)])).ToList();
            var perMinute = string.Join(", ", seen.GroupBy(c => c.Method).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}")));
            TestContext.Current.TestOutputHelper?.WriteLine($"grain calls in one simulated minute of an idle queue with a waiting caller: {seen.Count} ({perMinute})");
            Assert.True(seen.Count == 0, $"an idle queue made {seen.Count} grain calls in a simulated minute: {perMinute}");

            // 300's call ends: its extension tells the queue, which offers the caller to 300 at that instant.
            await fixture.Driver.RunUntilAsync(t0.AddSeconds(DirectTalkSeconds + 30), Cancellation);
            var answered = Assert.Single((await Pbx.Queue(tenant, Queue).GetSnapshotAsync()).Calls);
            Assert.Equal((QueueCallerStatus.Connected, "300"), (answered.Status, answered.MemberExtension));
            Assert.Equal(t0.AddSeconds(1 + DirectTalkSeconds + 1), answered.Connected);
        }
        finally
        {
            await Pbx.DeleteTenantAsync(tenant);
            await fixture.Driver.SettleAsync(Cancellation);
        }
    }

    /// <summary>Members answer one second after they ring; 300's direct call ends first (its talk time is the shorter).</summary>
    private static TenantDefinition Scenario(string id) =>
        Define.Tenant(id,
        [
            Define.Phone("100"), Define.Phone("101"),
            Member("300", DirectTalkSeconds), Member("301", DirectTalkSeconds * 2),
        ]) with
        {
            Settings = new TenantSettings { Trunk = "upc", Seed = 3 },
            Queues = [Define.Queue(Queue, "600", QueueStrategy.Linear, Define.Member("300"), Define.Member("301")) with { WrapUpSeconds = 0 }],
        };

    private static ExtensionConfig Member(string number, double talkSeconds) => Define.Phone(number, PhoneMode.AutoAnswer) with
    {
        Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerDelay = Distribution.Constant(1), TalkTime = Distribution.Constant(talkSeconds) },
    };
}
