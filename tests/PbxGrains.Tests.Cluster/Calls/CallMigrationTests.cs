using Orleans.Runtime;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

/// <summary>
/// A live call moved to the other silo (Orleans' live migration, as a stopping silo does it; here asked for by hand with
/// a placement hint) goes on exactly as it would have where it was: its timers fall due at the same instants, its later
/// draws are the ones it would have made, and its picture's version goes on from where it was.
/// </summary>
public sealed class CallMigrationTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    private const int Seed = 20_261_207;

    [Fact]
    public async Task A_ringing_call_moved_to_the_other_silo_answers_when_it_was_due_and_draws_the_talk_time_it_would_have_drawn()
    {
        // Twin tenants, the same call with the same seed: one stays where it is, the other moves while it rings. The
        // phone answers after a constant 2 s and talks for a drawn time, drawn at the answer (after the move).
        var stays = await LoadAsync(Phones());
        var moves = await LoadAsync(Phones());
        var stayed = await DialAsync(stays);
        var moved = await DialAsync(moves);
        Advance(1);

        var before = await moves.CallUntilAsync(moved.CallId, c => c.Phase == CallPhase.Dialing, "dialling");
        var (from, to) = await MoveAsync(moves.Id, moved.CallId);
        Assert.NotEqual(from, to);

        // The moved call shows the same picture, at the same version, from its new silo.
        var after = await moves.CallAsync(moved.CallId);
        Assert.NotNull(after);
        Assert.Equal((before!.Version, before.Phase, before.Legs.Length), (after.Version, after.Phase, after.Legs.Length));

        Advance(1);
        var answered = await moves.CallUntilAsync(moved.CallId, c => c.Phase == CallPhase.Connected, "connected after the move");
        Assert.True(answered!.Version > before.Version, "the picture's version goes on from where it was");

        Advance(3_600);
        var expected = await stays.CdrAsync(stayed.CallId);
        var actual = await moves.CdrAsync(moved.CallId);
        Assert.Equal(CdrDisposition.Answered, actual.Disposition);
        Assert.Equal(
            (expected.Answer - expected.Start, expected.End - expected.Start, expected.BillSec),
            (actual.Answer - actual.Start, actual.End - actual.Start, actual.BillSec));
        Assert.Equal(2.0, (actual.Answer!.Value - actual.Start).TotalSeconds);
        Assert.Single(await moves.CdrsAsync());
        await moves.IsGoneAsync(moved.CallId, "4001", "4002");
    }

    [Fact]
    public async Task A_call_moved_twice_while_talking_ends_when_its_talk_time_was_due()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002", PhoneMode.AutoAnswer) with
        {
            Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerDelay = Distribution.Constant(1), TalkTime = Distribution.Constant(30) },
        });
        var call = await DialAsync(t);
        Advance(1);
        await t.CallUntilAsync(call.CallId, c => c.Phase == CallPhase.Connected, "connected");

        await MoveAsync(t.Id, call.CallId);
        Advance(10);
        await MoveAsync(t.Id, call.CallId);

        // Still talking at +29 s, ended at +31 s with exactly 30 s of talk.
        Advance(18);
        Assert.Equal(CallPhase.Connected, (await t.CallAsync(call.CallId))?.Phase);
        Advance(2);
        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Answered, 31, 30), (cdr.Disposition, cdr.Duration, cdr.BillSec));
    }

    private static TenantDefinition Phones() => Define.Tenant(NewTenantId(), [
        Define.Phone("4001"),
        Define.Phone("4002", PhoneMode.AutoAnswer) with
        {
            Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerDelay = Distribution.Constant(2), TalkTime = Distribution.Exponential(600) },
        },
    ]);

    private async Task<CallSnapshot> DialAsync(TestTenant t) =>
        TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "4002", Seed = Seed }), "dial");

    private Task<(SiloAddress From, SiloAddress To)> MoveAsync(string tenant, string callId) =>
        Migration.MoveAsync(Fixture, Fixture.Cluster.Client.GetGrain<ICallGrain>(TenantKey.Of(tenant, callId)));
}
