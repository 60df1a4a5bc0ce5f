using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>A parking lot (key <c>{tenant}/{lot}</c>): which slot holds which channel. It calls no other grain.</summary>
[Alias("pbx.IParkingLotGrain")]
public interface IParkingLotGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task<PbxResult> ConfigureAsync(ParkingLotConfig config);

    /// <summary>Forgets the lot's configuration and its slots (its tenant dropped it or was deleted).</summary>
    [Alias("Remove")]
    Task RemoveAsync();

    [ReadOnly, Alias("Get")]
    Task<ParkingLotView> GetAsync();

    /// <summary>Takes the first free slot (or <paramref name="preferredSlot"/> when given and free).</summary>
    [Alias("Park")]
    Task<PbxResult<int>> ParkAsync(ParkedCallView parked, int? preferredSlot);

    [ReadOnly, Alias("Find")]
    Task<ParkedCallView?> FindAsync(int slot);

    /// <summary>Frees the slot if it still holds <paramref name="channel"/>.</summary>
    [Alias("Release")]
    Task<bool> ReleaseAsync(int slot, string channel);
}
