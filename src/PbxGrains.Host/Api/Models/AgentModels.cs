using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Host.Api.Models;

/// <summary>An agent; the PIN is not shown, only whether there is one.</summary>
public sealed record class AgentResponse(
    string Id,
    string Name,
    bool HasPin,
    AgentStatus Status,
    bool LoggedIn,
    string? Extension,
    DateTimeOffset? LoggedInAt,
    bool Paused,
    string PauseReason,
    int CallsTaken,
    DateTimeOffset? LastCall,
    IReadOnlyList<AgentQueueResponse> Queues);

public sealed record class AgentQueueResponse(string Queue, int Penalty);

/// <summary>Without a PIN the login is an administrator's and skips the PIN check.</summary>
public sealed record class AgentLoginBody(string Extension, string? Pin = null);

public sealed record class AgentPauseBody(string? Reason = null);

public static class AgentMapping
{
    public static AgentResponse AsResponse(this AgentView agent) => new(
        agent.Config.Id,
        agent.Config.Name,
        agent.Config.Pin.Length > 0,
        agent.Status,
        agent.LoggedIn,
        agent.Extension,
        agent.LoggedInAt,
        agent.Paused,
        agent.PauseReason,
        agent.CallsTaken,
        agent.LastCall,
        [.. agent.Config.Queues.Select(q => new AgentQueueResponse(q.Queue, q.Penalty))]);
}
