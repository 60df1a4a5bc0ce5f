using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;
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
        if (Find(id) is { } refusal)
        {
            return refusal;
        }

        var fault = faults.First(f => f.Id == id);
        if (fault.Paused == paused)
        {
            return PbxResult<FaultRule>.Success(fault);
        }

        // The version stays: a paused rule keeps its count, so resuming it goes on with the same sequence of decisions.
        var changed = fault with { Paused = paused };
        await SaveAsync(TenantCatalogue.WithFaults(state.State, faults.Replace(fault, changed)));
        return PbxResult<FaultRule>.Success(changed);
    }

    public async Task<PbxResult> RemoveFaultAsync(string id)
    {
        if (Find(id) is { } refusal)
        {
            return refusal;
        }

        var faults = state.State.Settings.Faults;
        await SaveAsync(TenantCatalogue.WithFaults(state.State, faults.Remove(faults.First(f => f.Id == id))));
        return PbxResult.Ok;
    }

    /// <summary>Why the tenant has no fault <paramref name="id"/> (it does not exist, or has no such fault); null when it has.</summary>
    private PbxResult? Find(string id) =>
        !state.State.Exists ? PbxResult.Fail(DomainError.TenantNotFound, Id)
        : state.State.Settings.Faults.Any(f => f.Id == id) ? null
        : PbxResult.Fail(DomainError.FaultNotFound, id);

    /// <summary>
    /// Tells the tenant's incidents grain its faults when incidents are among them now or were before (one way: it calls
    /// the tenant back, so the tenant never waits for it). A tenant without incidents never activates it.
    /// </summary>
    private Task TellIncidentsAsync(ImmutableArray<FaultRule> before, ImmutableArray<FaultRule> after) =>
        before.Any(f => f.Kind.IsIncident()) || after.Any(f => f.Kind.IsIncident())
            ? GrainFactory.Ref<IIncidentsGrain>(Id).RescheduleAsync(after)
            : Task.CompletedTask;
}
