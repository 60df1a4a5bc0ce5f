using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// A tenant's inbound number routing, feature flags and hot desks. It decides with <see cref="NumberRoutingChanges"/>,
/// persists, and awaits no grain: the tenant awaits it, so it must never await the tenant.
/// </summary>
public sealed class NumberRoutingGrain(
    [PersistentState("routing", PbxStorage.Name)] IPersistentState<NumberRoutingState> state,
    PbxClock clock) : Grain, INumberRoutingGrain
{
    public Task<NumberRouting?> GetAsync() => Task.FromResult(state.State.Exists ? state.State.Routing : null);

    public async Task<PbxResult<NumberRouting>> ReplaceAsync(NumberRouting routing)
    {
        if (NumberRoutingRules.Check(routing) is { Any: true } problems)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        return PbxResult<NumberRouting>.Success(await SaveAsync(routing));
    }

    public async Task ClearAsync()
    {
        // The version goes on counting: a tenant's resolver that still holds the old routing must take the next one.
        state.State = new NumberRoutingState { Routing = NumberRouting.Empty with { Version = state.State.Routing.Version + 1 } };
        await state.WriteStateAsync();
    }

    public Task<PbxResult<NumberRouting>> UpdateNumberRouteAsync(int id, NumberRouteChange change) =>
        ChangeAsync(routing => NumberRoutingChanges.UpdateNumberRoute(routing, id, change), $"number route {id}");

    public Task<PbxResult<NumberRouting>> SetFeatureFlagAsync(int id, bool active) =>
        ChangeAsync(routing => NumberRoutingChanges.SetFeatureFlag(routing, id, active), $"feature flag {id}");

    public Task<PbxResult<NumberRouting>> UpdateHotDeskAsync(int id, HotDeskChange change, bool extensionExists) =>
        ChangeAsync(routing => NumberRoutingChanges.UpdateHotDesk(routing, id, change, extensionExists, clock.Now), $"hot desk {id}");

    private async Task<PbxResult<NumberRouting>> ChangeAsync(Func<NumberRouting, PbxResult<NumberRouting>> decide, string item)
    {
        if (!state.State.Exists)
        {
            return PbxResult<NumberRouting>.Fail(DomainError.RoutingItemNotFound, item);
        }

        var next = decide(state.State.Routing);
        return next.IsOk ? PbxResult<NumberRouting>.Success(await SaveAsync(next.Value!)) : next;
    }

    private async Task<NumberRouting> SaveAsync(NumberRouting next)
    {
        var routing = next with { Version = state.State.Routing.Version + 1 };
        state.State = new NumberRoutingState { Exists = true, Routing = routing };
        await state.WriteStateAsync();
        return routing;
    }
}

[GenerateSerializer, Alias("pbx.number-routing-state")]
public sealed record class NumberRoutingState
{
    [Id(0)] public bool Exists { get; init; }

    [Id(1)] public NumberRouting Routing { get; init; } = NumberRouting.Empty;
}
