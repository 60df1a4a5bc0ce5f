using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A call-centre agent (key <c>{tenant}/{agent id}</c>). It awaits its queues and its extension; nothing awaits it
/// but surfaces and the tenant, so it cannot be part of a waiting cycle.
/// </summary>
[Alias("pbx.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task<PbxResult> ConfigureAsync(AgentConfig config);

    [Alias("Remove")]
    Task RemoveAsync();

    [SafeToResend, Alias("Get")]
    Task<AgentView?> GetAsync();

    /// <summary>Logs the agent in at an extension; a null PIN skips the PIN check (an administrator's login).</summary>
    [Alias("Login")]
    Task<PbxResult> LoginAsync(string extension, string? pin);

    [Alias("Logout")]
    Task<PbxResult> LogoutAsync();

    [Alias("Pause")]
    Task<PbxResult> PauseAsync(bool paused, string reason);

    [Alias("AddToQueue")]
    Task<PbxResult> AddToQueueAsync(string queue, int penalty);

    [Alias("RemoveFromQueue")]
    Task<PbxResult> RemoveFromQueueAsync(string queue);

    /// <summary>A queue call was connected to this agent.</summary>
    [OneWay, Alias("OnCallTaken")]
    Task OnCallTakenAsync(DateTimeOffset at);
}
