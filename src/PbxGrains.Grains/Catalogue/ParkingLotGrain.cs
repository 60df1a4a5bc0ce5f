using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// A parking lot. Durable: its configuration. Transient: which call waits in which slot (moved with the lot when its
/// silo stops gracefully). Awaits nothing but storage. Kept in memory while it is configured or holds a call (the
/// slots live only here); an activation for a name that is no lot is collected when idle.
/// </summary>
public sealed partial class ParkingLotGrain(
    [PersistentState("parking", PbxStorage.Name)] IPersistentState<ParkingLotState> state) : EntityGrain, IParkingLotGrain
{
    private readonly SortedDictionary<int, ParkedCallView> _slots = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        KeepAliveIfUsed();
        return Task.CompletedTask;
    }

    public async Task<PbxResult> ConfigureAsync(ParkingLotConfig config)
    {
        // The lot is named by its key, whatever the configuration says.
        config = config with { Name = TenantKey.NameOf(this.GetPrimaryKeyString()) };
        if (ParkingLotRules.Check(config) is { Any: true } problems)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        state.State = new ParkingLotState { Config = config };
        await state.WriteStateAsync();
        KeepAliveIfUsed();
        return PbxResult.Ok;
    }

    public async Task RemoveAsync()
    {
        // Calls still parked here are the tenant's to hang up; the lot only stops existing.
        await state.ClearStateAsync();
        state.State = new ParkingLotState();
        _slots.Clear();
        DeactivateOnIdle();
    }

    public Task<ParkingLotView> GetAsync() =>
        Task.FromResult(new ParkingLotView(state.State.Config ?? new ParkingLotConfig { SlotCount = 0 }, [.. _slots.Values]));

    public Task<PbxResult<int>> ParkAsync(ParkedCallView parked, int? preferredSlot)
    {
        if (state.State.Config is not { } config)
        {
            return Task.FromResult(PbxResult<int>.Fail(DomainError.ParkingLotNotFound, TenantKey.NameOf(this.GetPrimaryKeyString())));
        }

        if (preferredSlot is { } wanted)
        {
            if (!config.Contains(wanted))
            {
                return Task.FromResult(PbxResult<int>.Fail(DomainError.InvalidArgument, $"slot {wanted} is not in lot {config.Name}"));
            }

            if (_slots.ContainsKey(wanted))
            {
                return Task.FromResult(PbxResult<int>.Fail(DomainError.ParkingSlotOccupied, $"slot {wanted} is occupied"));
            }

            return Task.FromResult(Take(wanted, parked));
        }

        for (var slot = config.FirstSlot; slot < config.FirstSlot + config.SlotCount; slot++)
        {
            if (!_slots.ContainsKey(slot))
            {
                return Task.FromResult(Take(slot, parked));
            }
        }

        return Task.FromResult(PbxResult<int>.Fail(DomainError.ParkingLotFull, $"every slot of lot {config.Name} is taken"));
    }

    public Task<ParkedCallView?> FindAsync(int slot) => Task.FromResult(_slots.GetValueOrDefault(slot));

    public Task<bool> ReleaseAsync(int slot, string channel)
    {
        if (_slots.TryGetValue(slot, out var parked) && parked.Channel == channel)
        {
            _slots.Remove(slot);
            KeepAliveIfUsed();
            return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }

    private PbxResult<int> Take(int slot, ParkedCallView parked)
    {
        _slots[slot] = parked with { Slot = slot, Lot = state.State.Config!.Name };
        KeepAliveIfUsed();
        return PbxResult<int>.Success(slot);
    }

    private void KeepAliveIfUsed() => KeepAliveWhile(state.State.Config is not null || _slots.Count > 0);
}

[GenerateSerializer, Alias("pbx.parking-state")]
public sealed record class ParkingLotState
{
    [Id(0)] public ParkingLotConfig? Config { get; init; }
}

/// <summary>Lists of parked calls, for surfaces that show a lot.</summary>
public static class ParkingLotViews
{
    public static ImmutableArray<ParkedCallView> Occupied(this ParkingLotView view) => view.Parked;
}
