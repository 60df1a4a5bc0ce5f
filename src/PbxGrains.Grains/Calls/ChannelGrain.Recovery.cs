using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;

namespace PbxGrains.Grains.Calls;

/// <summary>After a silo is lost, asks the call of a live channel whether it still lives (one way).</summary>
public sealed partial class ChannelGrain : ISiloLossListener
{
    public Task OnSiloLostAsync()
    {
        if (_latest is { IsHungUp: false } channel)
        {
            GrainFactory.Ref<ICallRecovery>(TenantKey.Of(TenantKey.TenantOf(this.GetPrimaryKeyString()), channel.CallId))
                .CheckReferenceAsync(new CallReference { Holder = CallHolder.Channel, Channel = channel }).Ignore();
        }

        return Task.CompletedTask;
    }
}
