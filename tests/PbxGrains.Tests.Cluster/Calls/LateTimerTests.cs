using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Tests.Cluster.Infrastructure;

namespace PbxGrains.Tests.Cluster.Calls;

/// <summary>
/// A call's own timers take effect at their due instants, however late the call gets to them: what a scaled clock does
/// by a few milliseconds (times its speed), the fake clock does here by moving a whole minute at once.
/// </summary>
public sealed class LateTimerTests(ClusterFixture fixture) : ClusterTest(fixture)
{
    [Fact]
    public async Task An_answer_and_a_hang_up_handled_late_are_stamped_when_they_were_due_and_the_talk_time_is_not_stretched()
    {
        var t = await LoadAsync(Define.Phone("4001"), Define.Phone("4002", PhoneMode.AutoAnswer) with
        {
            Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerDelay = Distribution.Constant(2), TalkTime = Distribution.Constant(40) },
        });
        var call = TestTenant.Ok(await Pbx.DialAsync(t.Id, new DialRequest { FromExtension = "4001", Destination = "4002" }), "dial");

        // The answer falls due at +2 s, but the call hears of it only after the clock has moved to +60 s.
        Advance(60);

        var cdr = await t.CdrAsync(call.CallId);
        Assert.Equal((CdrDisposition.Answered, 2.0, 42.0), (cdr.Disposition, (cdr.Answer!.Value - cdr.Start).TotalSeconds, (cdr.End - cdr.Start).TotalSeconds));
        Assert.Equal((42, 40), (cdr.Duration, cdr.BillSec));
    }
}
