using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// The tenant's transport faults. They travel with its settings, so every process's settings read model (read again
/// every second) has them without another call per request; the surfaces apply them.
/// </summary>
public sealed partial class TenantGrain
{
    public async Task<PbxResult<FaultRule>> AddFaultAsync(FaultRule rule)
    {
        if (!state.State.Exists)
        {
            return PbxResult<FaultRule>.Fail(DomainError.TenantNotFound, Id);
        }

        if (FaultRules.Check(rule) is { Any: true } problems)
        {
            return PbxResult<FaultRule>.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        var faults = state.State.Settings.Faults;
        if (faults.Length >= FaultRules.MaxFaultsPerTenant)
        {
            return PbxResult<FaultRule>.Fail(DomainError.InvalidArgument, $"a tenant has at most {FaultRules.MaxFaultsPerTenant} faults; remove one first");
        }

        // The tenant's version only grows, so an id is never given twice: a fault listed as fired is never confused
        // with a later one.
        var version = state.State.Version + 1;
        var kept = rule with { Id = "f" + version.ToString(CultureInfo.InvariantCulture), Version = version };
        await SaveAsync(TenantCatalogue.WithFaults(state.State, faults.Add(kept)));
        return PbxResult<FaultRule>.Success(kept);
    }

    public async Task<PbxResult<FaultRule>> PauseFaultAsync(string id, bool paused)
    {
        var faults = state.State.Settings.Faults;
        var index = IndexOf(faults, id);
        if (!state.State.Exists || index < 0)
        {
            return PbxResult<FaultRule>.Fail(state.State.Exists ? DomainError.FaultNotFound : DomainError.TenantNotFound, state.State.Exists ? id : Id);
        }

        if (faults[index].Paused == paused)
        {
            return PbxResult<FaultRule>.Success(faults[index]);
        }

        // The version stays: a paused rule keeps its count, so resuming it goes on with the same sequence of decisions.
        var changed = faults[index] with { Paused = paused };
        await SaveAsync(TenantCatalogue.WithFaults(state.State, faults.SetItem(index, changed)));
        return PbxResult<FaultRule>.Success(changed);
    }

    public async Task<PbxResult> RemoveFaultAsync(string id)
    {
        var faults = state.State.Settings.Faults;
        if (!state.State.Exists || faults.FirstOrDefault(f => f.Id == id) is not { } fault)
        {
            return PbxResult.Fail(state.State.Exists ? DomainError.FaultNotFound : DomainError.TenantNotFound, state.State.Exists ? id : Id);
        }

        await SaveAsync(TenantCatalogue.WithFaults(state.State, faults.Remove(fault)));
        return PbxResult.Ok;
    }

    private static int IndexOf(System.Collections.Immutable.ImmutableArray<FaultRule> faults, string id)
    {
        for (var i = 0; i < faults.Length; i++)
        {
            if (faults[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
