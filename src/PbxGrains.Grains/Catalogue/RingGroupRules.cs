using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Grains.Catalogue.Rules;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Catalogue;

/// <summary>What makes one ring group valid.</summary>
public static class RingGroupRules
{
    public const int MaxRingTimeSeconds = 300;

    public static FieldProblems Check(RingGroupConfig group)
    {
        var problems = new FieldProblems();
        Check(group, problems, "");
        return problems;
    }

    public static void Check(RingGroupConfig group, FieldProblems problems, string path)
    {
        problems.Dialable(Child(path, "number"), group.Number);
        problems.Defined(Child(path, "strategy"), group.Strategy, "unknown strategy");
        var members = Child(path, "members");
        if (group.Members.IsDefaultOrEmpty)
        {
            problems.Add(members, "must list at least one extension or number");
        }

        for (var m = 0; m < (group.Members.IsDefault ? 0 : group.Members.Length); m++)
        {
            // A trailing '#' marks an outside number that is dialled as is.
            if (!DialableNumber.IsValid(group.Members[m]?.TrimEnd('#')))
            {
                problems.Add(Item(members, m), $"'{group.Members[m]}' is not a number");
            }
        }

        problems.Between(Child(path, "ringTime"), group.RingTimeSeconds, 1, MaxRingTimeSeconds);
    }
}
