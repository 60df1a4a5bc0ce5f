using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;

namespace PbxGrains.Grains.Queues;

/// <summary>
/// After a silo is lost, asks every call waiting in or connected through this queue whether it still lives (one way);
/// a lost call takes itself out (abandoned or completed), which frees the member it held. It also looks at its members
/// again: an extension that was to report a freed member may have been lost with the silo, and its list with it.
/// </summary>
public sealed partial class QueueGrain : ISiloLossListener
{
    public async Task OnSiloLostAsync()
    {
        foreach (var caller in _snapshot.Calls)
        {
            GrainFactory.Ref<ICallRecovery>(TenantKey.Of(Tenant, caller.CallId))
                .CheckReferenceAsync(new CallReference { Holder = CallHolder.Queue, Queue = Name }).Ignore();
        }

        await DistributeAsync(At(null), changed: false);
    }
}
