using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;

namespace PbxGrains.Grains.Catalogue;

/// <summary>After a silo is lost, asks each call this extension shows a channel of whether it still lives (one way).</summary>
public sealed partial class ExtensionGrain : ISiloLossListener
{
    public Task OnSiloLostAsync()
    {
        var tenant = TenantKey.TenantOf(this.GetPrimaryKeyString());
        foreach (var channel in _channels.Values)
        {
            GrainFactory.Ref<ICallRecovery>(TenantKey.Of(tenant, channel.CallId))
                .CheckReferenceAsync(new CallReference { Holder = CallHolder.Extension, Channel = channel }).Ignore();
        }

        return Task.CompletedTask;
    }
}
