using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;

namespace PbxGrains.Grains.Events;

/// <summary>
/// The events a queue's members make on the tenant's feed, from the members of the picture it published before and
/// of the new one. Plain rules: every change can be tested without a cluster. Order: removals first, then each member
/// of the new picture in its order: its addition, or its pause and then its call status.
/// </summary>
public static class QueueMemberEventRules
{
    public static IEnumerable<CallEvent> Diff(string queue, ImmutableArray<QueueMemberView> before, ImmutableArray<QueueMemberView> after, DateTimeOffset at)
    {
        if (before == after)
        {
            yield break;
        }

        CallEvent Event(QueueMemberView member, QueueMemberChange change) =>
            new() { Kind = CallEventKind.QueueMemberChanged, At = at, Queue = queue, QueueMember = member, MemberChange = change };

        var old = before.ToDictionary(m => m.Extension, StringComparer.Ordinal);
        var now = after.ToDictionary(m => m.Extension, StringComparer.Ordinal);
        foreach (var member in before.Where(m => !now.ContainsKey(m.Extension)))
        {
            yield return Event(member, QueueMemberChange.Removed);
        }

        foreach (var member in after)
        {
            if (!old.TryGetValue(member.Extension, out var was))
            {
                yield return Event(member, QueueMemberChange.Added);
                continue;
            }

            if (was.Paused != member.Paused)
            {
                yield return Event(member, QueueMemberChange.Paused);
            }

            if (was.InCall != member.InCall)
            {
                yield return Event(member, QueueMemberChange.Status);
            }
        }
    }
}
