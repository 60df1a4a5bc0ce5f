using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;

namespace PbxGrains.Grains.Calls;

/// <summary>After a silo is lost, asks every call this shard lists whether it still lives (one way).</summary>
public sealed partial class LiveCallsGrain : ISiloLossListener
{
    public Task OnSiloLostAsync()
    {
        var tenant = TenantKey.TenantOf(this.GetPrimaryKeyString());
        foreach (var call in _calls.Values)
        {
            GrainFactory.Ref<ICallRecovery>(TenantKey.Of(tenant, call.CallId))
                .CheckReferenceAsync(new CallReference { Holder = CallHolder.LiveCalls, Call = call }).Ignore();
        }

        return Task.CompletedTask;
    }
}
