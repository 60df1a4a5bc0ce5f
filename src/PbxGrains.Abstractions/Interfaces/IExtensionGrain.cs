using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// An extension (key <c>{tenant}/{number}</c>): its configuration, its registration and the mirror of its live
/// channels from which the device state is derived. It awaits no other grain, so any grain may await it; it tells
/// queues one way when it becomes free.
/// </summary>
[Alias("pbx.IExtensionGrain")]
public interface IExtensionGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task<PbxResult> ConfigureAsync(ExtensionConfig config);

    [Alias("Remove")]
    Task RemoveAsync();

    [ReadOnly, Alias("Get")]
    Task<ExtensionView> GetAsync();

    /// <summary>
    /// The device state, for a queue that may offer a caller to this extension. When it is not free, the extension
    /// remembers the queue and tells it once, one way (<see cref="IQueueGrain.OnMemberFreedAsync"/>), when it becomes
    /// free: the queue waits for that instead of asking again on a timer. Read and remembered in one turn, so a change
    /// between the two cannot be missed.
    /// </summary>
    [Alias("WatchUntilFree")]
    Task<DeviceState> WatchUntilFreeAsync(string queue);

    [Alias("Register")]
    Task<PbxResult> RegisterAsync(Registration registration);

    [Alias("Unregister")]
    Task<PbxResult> UnregisterAsync();

    [Alias("SetPhone")]
    Task<PbxResult> SetPhoneAsync(PhoneBehaviour behaviour);

    /// <summary>
    /// A call publishes the new picture of one of this extension's legs. The call awaits it (the extension calls no
    /// grain), so that device states are current when the call's request returns or a queue next looks at them.
    /// <paramref name="at"/> is the call's simulated instant of the change: a member it frees is reported to a waiting
    /// queue with that instant (<see cref="IQueueGrain.OnMemberFreedAsync"/>).
    /// </summary>
    [Alias("OnChannelChanged")]
    Task OnChannelChangedAsync(ChannelSnapshot channel, DateTimeOffset at);
}
