using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A tenant's inbound number routing (key: the tenant id): its numbers (DIDs) with their time filters and routes, the
/// feature flags routes consult, and the hot desks users log in at. It awaits no grain. The tenant awaits it when it
/// loads, deletes or activates; a change made here reaches the tenant's resolver through PbxClient, which hands the
/// result to <see cref="ITenantGrain.UseNumberRoutingAsync"/>.
/// </summary>
[Alias("pbx.INumberRoutingGrain")]
public interface INumberRoutingGrain : IGrainWithStringKey
{
    /// <summary>The routing; null when the tenant has none (it does not exist).</summary>
    [ReadOnly, Alias("Get")]
    Task<NumberRouting?> GetAsync();

    /// <summary>Replaces the whole routing, as the tenant's load does (checked first; nothing changes when it is refused).</summary>
    [Alias("Replace")]
    Task<PbxResult<NumberRouting>> ReplaceAsync(NumberRouting routing);

    /// <summary>Forgets the routing: the tenant was deleted.</summary>
    [Alias("Clear")]
    Task ClearAsync();

    /// <summary>Changes a number route's time filters and routes; every id it names must exist.</summary>
    [Alias("UpdateNumberRoute")]
    Task<PbxResult<NumberRouting>> UpdateNumberRouteAsync(int id, NumberRouteChange change);

    [Alias("SetFeatureFlag")]
    Task<PbxResult<NumberRouting>> SetFeatureFlagAsync(int id, bool active);

    /// <summary>
    /// Logs an extension in at a hot desk (or out) and sets its template. Whether the extension exists is the tenant's
    /// catalogue's to say: the caller asks it and passes the answer (PbxClient does).
    /// </summary>
    [Alias("UpdateHotDesk")]
    Task<PbxResult<NumberRouting>> UpdateHotDeskAsync(int id, HotDeskChange change, bool extensionExists);
}
