using System.Collections.Immutable;

namespace PbxGrains.Abstractions.Contracts;

[GenerateSerializer, Immutable, Alias("pbx.agent-config")]
public sealed record class AgentConfig
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public string Name { get; init; } = "";

    [Id(2)] public string Pin { get; init; } = "";

    /// <summary>The queues the agent joins when it logs in, with its penalty in each.</summary>
    [Id(3)] public ImmutableArray<AgentQueueMembership> Queues { get; init; } = [];
}

[GenerateSerializer, Immutable, Alias("pbx.agent-membership")]
public sealed record class AgentQueueMembership(
    [property: Id(0)] string Queue,
    [property: Id(1)] int Penalty = 0);

public enum AgentStatus
{
    LoggedOut = 0,
    Available = 1,
    Ringing = 2,
    OnCall = 3,
    Paused = 4,
    Unavailable = 5,
}

[GenerateSerializer, Immutable, Alias("pbx.agent")]
public sealed record class AgentView
{
    [Id(0)] public required AgentConfig Config { get; init; }

    [Id(1)] public string? Extension { get; init; }

    [Id(2)] public DateTimeOffset? LoggedInAt { get; init; }

    [Id(3)] public bool Paused { get; init; }

    [Id(4)] public string PauseReason { get; init; } = "";

    [Id(5)] public int CallsTaken { get; init; }

    [Id(6)] public DateTimeOffset? LastCall { get; init; }

    /// <summary>Derived from the login and the device state of the extension the agent sits at.</summary>
    [Id(7)] public AgentStatus Status { get; init; }

    public bool LoggedIn => Extension is not null;
}
