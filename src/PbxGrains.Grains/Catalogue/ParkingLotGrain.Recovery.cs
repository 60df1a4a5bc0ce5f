using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;

namespace PbxGrains.Grains.Catalogue;

/// <summary>After a silo is lost, asks the call of every parked channel whether it still lives (one way).</summary>
public sealed partial class ParkingLotGrain : ISiloLossListener
{
    public Task OnSiloLostAsync()
    {
        var tenant = TenantKey.TenantOf(this.GetPrimaryKeyString());
        foreach (var parked in _slots.Values)
        {
            GrainFactory.Ref<ICallRecovery>(TenantKey.Of(tenant, parked.CallId))
                .CheckReferenceAsync(new CallReference { Holder = CallHolder.ParkingLot, Parked = parked }).Ignore();
        }

        return Task.CompletedTask;
    }
}
