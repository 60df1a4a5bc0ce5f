using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue.Rules;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Queues;

/// <summary>What makes one queue's own fields valid (whether its members exist: <see cref="TenantRules"/>).</summary>
public static class QueueRules
{
    public const int MaxNameLength = 80;

    /// <summary>Asterisk's maxlen is unbounded; a simulated queue holds at most this many callers.</summary>
    public const int MaxCallers = 100_000;

    /// <summary>Asterisk's penalties are small numbers compared with each other; one above this is a typo.</summary>
    public const int MaxPenalty = 1000;

    public static FieldProblems Check(QueueConfig queue)
    {
        var problems = new FieldProblems();
        Check(queue, problems, "");
        return problems;
    }

    public static void Check(QueueConfig queue, FieldProblems problems, string path)
    {
        var name = Child(path, "name");
        if (problems.Required(name, queue.Name) && (queue.Name.Length > MaxNameLength || queue.Name.Any(c => c is '/' or ',' || char.IsControl(c))))
        {
            problems.Add(name, $"must be 1 to {MaxNameLength} characters without '/' or ','");
        }

        problems.Dialable(Child(path, "number"), queue.Number, optional: true);
        problems.Defined(Child(path, "strategy"), queue.Strategy, "unknown strategy");
        problems.Between(Child(path, "maxCallers"), queue.MaxCallers, 0, MaxCallers);
        problems.Between(Child(path, "serviceLevel"), queue.ServiceLevelSeconds, 1, 3600);
        problems.Between(Child(path, "memberTimeout"), queue.MemberTimeoutSeconds, 1, 600);
        problems.Between(Child(path, "retry"), queue.RetrySeconds, 0, 600);
        problems.Between(Child(path, "wrapUp"), queue.WrapUpSeconds, 0, 3600);
        if (problems.Distribution(Child(path, "wrapUpTime"), queue.WrapUpTime) &&
            queue.WrapUpTime is { } wrapUp && (wrapUp.Mean > 3600 || Math.Max(wrapUp.A, wrapUp.B) > 86_400))
        {
            problems.Add(Child(path, "wrapUpTime"), "must average at most 3600 seconds");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var m = 0; m < queue.Members.Length; m++)
        {
            var member = queue.Members[m];
            var memberPath = Item(Child(path, "members"), m);
            var extension = Child(memberPath, "extension");
            if (problems.Required(extension, member.Extension) && !seen.Add(member.Extension))
            {
                problems.Add(extension, $"extension '{member.Extension}' is already a member of this queue");
            }

            problems.Between(Child(memberPath, "penalty"), member.Penalty, 0, MaxPenalty);
        }
    }
}
