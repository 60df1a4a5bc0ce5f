using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios.Documents;

public sealed class QueueDocument
{
    public string? Name { get; set; }

    public string? Number { get; set; }

    public string? DisplayName { get; set; }

    public string? Strategy { get; set; }

    public int? MaxCallers { get; set; }

    public int? ServiceLevel { get; set; }

    public int? MemberTimeout { get; set; }

    public int? Retry { get; set; }

    public int? WrapUp { get; set; }

    /// <summary>A drawn wrap-up time (a distribution); replaces wrapUp when given.</summary>
    public DistributionDocument? WrapUpTime { get; set; }

    public List<QueueMemberDocument>? Members { get; set; }
}

/// <summary>A static queue member; a bare value is the extension number.</summary>
public sealed class QueueMemberDocument : IScalarShorthand
{
    public string? Extension { get; set; }

    public int? Penalty { get; set; }

    public bool? Paused { get; set; }

    public string? MemberName { get; set; }

    public bool TrySetFromScalar(DocScalar scalar)
    {
        Extension = scalar.Text;
        return scalar.Text is not null;
    }
}

public sealed class AgentDocument
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Pin { get; set; }

    public List<AgentQueueDocument>? Queues { get; set; }

    /// <summary>The extension the agent is logged in at when the scenario loads.</summary>
    public string? LoggedInAt { get; set; }
}

/// <summary>A queue an agent joins at login; a bare value is the queue name.</summary>
public sealed class AgentQueueDocument : IScalarShorthand
{
    public string? Queue { get; set; }

    public int? Penalty { get; set; }

    public bool TrySetFromScalar(DocScalar scalar)
    {
        Queue = scalar.Text;
        return scalar.Text is not null;
    }
}

public sealed class RingGroupDocument
{
    public string? Number { get; set; }

    public string? Description { get; set; }

    public string? Strategy { get; set; }

    public int? RingTime { get; set; }

    public List<string>? Members { get; set; }

    public Dictionary<string, string>? Settings { get; set; }
}

public sealed class ParkingLotDocument
{
    public string? Name { get; set; }

    public int? FirstSlot { get; set; }

    public int? Slots { get; set; }

    public int? Timeout { get; set; }
}
