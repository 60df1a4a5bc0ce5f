using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Grains.Events;

namespace PbxGrains.Tests.Unit;

public sealed class QueueMemberEventRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly QueueMemberView Member = new() { Interface = "SIP/103", Extension = "103" };

    private static List<(string? Extension, QueueMemberChange? Change)> Changes(QueueMemberView[] before, QueueMemberView[] after) =>
        [.. QueueMemberEventRules.Diff("sales", [.. before], [.. after], At).Select(e => (e.QueueMember?.Extension, e.MemberChange))];

    [Fact]
    public void An_unchanged_member_list_makes_no_event()
    {
        Assert.Empty(Changes([Member], [Member with { CallsTaken = 3 }]));
    }

    [Fact]
    public void Removals_come_first_then_additions_then_pauses_and_call_status()
    {
        var other = new QueueMemberView { Interface = "SIP/104", Extension = "104" };
        var gone = new QueueMemberView { Interface = "SIP/105", Extension = "105" };

        var changes = Changes([Member, gone], [Member with { Paused = true, InCall = true }, other]);

        Assert.Equal(
            [("105", QueueMemberChange.Removed), ("103", QueueMemberChange.Paused), ("103", QueueMemberChange.Status), ("104", QueueMemberChange.Added)],
            changes);
    }

    [Fact]
    public void Every_event_names_its_queue_and_is_no_call_leg()
    {
        var e = Assert.Single(QueueMemberEventRules.Diff("sales", [], [Member], At));

        Assert.Equal((CallEventKind.QueueMemberChanged, "sales", (ChannelSnapshot?)null), (e.Kind, e.Queue, e.Channel));
    }
}
