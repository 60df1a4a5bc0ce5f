using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// An extension (key <c>{tenant}/{number}</c>): its configuration, its registration and the mirror of its live
/// channels from which the device state is derived. It calls no other grain, so any grain may await it.
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

    [Alias("Register")]
    Task<PbxResult> RegisterAsync(Registration registration);

    [Alias("Unregister")]
    Task<PbxResult> UnregisterAsync();

    [Alias("SetPhone")]
    Task<PbxResult> SetPhoneAsync(PhoneBehaviour behaviour);

    /// <summary>
    /// A call publishes the new picture of one of this extension's legs. The call awaits it (the extension calls no
    /// grain), so that device states are current when the call's request returns or a queue next looks at them.
    /// </summary>
    [Alias("OnChannelChanged")]
    Task OnChannelChangedAsync(ChannelSnapshot channel);
}
