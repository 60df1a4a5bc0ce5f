using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue.Rules;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Queues;

/// <summary>What makes one agent's own fields valid (whether its queues exist: <see cref="TenantRules"/>).</summary>
public static class AgentRules
{
    /// <summary>An agent id names channels (<c>Agent/{id}</c>), so it follows the identifier rule.</summary>
    public const int MaxIdLength = 40;

    public static FieldProblems Check(AgentConfig agent)
    {
        var problems = new FieldProblems();
        Check(agent, problems, "");
        return problems;
    }

    public static void Check(AgentConfig agent, FieldProblems problems, string path)
    {
        problems.Identifier(Child(path, "id"), agent.Id, MaxIdLength);
        if (!agent.Pin.All(char.IsAsciiDigit))
        {
            problems.Add(Child(path, "pin"), "must be digits");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var q = 0; q < agent.Queues.Length; q++)
        {
            var membership = Item(Child(path, "queues"), q);
            var queue = Child(membership, "queue");
            if (problems.Required(queue, agent.Queues[q].Queue) && !seen.Add(agent.Queues[q].Queue))
            {
                problems.Add(queue, $"queue '{agent.Queues[q].Queue}' is listed twice");
            }

            problems.Between(Child(membership, "penalty"), agent.Queues[q].Penalty, 0, QueueRules.MaxPenalty);
        }
    }
}
