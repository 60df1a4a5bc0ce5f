using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A tenant's catalogue (key: the tenant id): what exists and how numbers resolve. It is read when a call is set up
/// and when things are listed; a check on every request asks <see cref="ExistsAsync"/>, which copies nothing. Inbound
/// number routing, feature flags and hot desks are a grain of their own (<see cref="INumberRoutingGrain"/>).
/// </summary>
[Alias("pbx.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Loads a whole definition: validated first, then applied; on failure nothing of it remains.</summary>
    [Alias("Load")]
    Task<PbxResult<TenantView>> LoadAsync(TenantDefinition definition, bool replace);

    [Alias("Delete")]
    Task<PbxResult> DeleteAsync();

    /// <summary>
    /// The catalogue, or null when the tenant does not exist. The same immutable view is answered until the tenant
    /// changes, so a read costs no copy of its lists inside the grain (across silos it is serialized like any answer).
    /// </summary>
    [ReadOnly, Alias("Get")]
    Task<TenantView?> GetAsync();

    /// <summary>Whether the tenant exists: what a per-request check needs, without the catalogue's lists.</summary>
    [ReadOnly, Alias("Exists")]
    Task<bool> ExistsAsync();

    [ReadOnly, Alias("GetSettings")]
    Task<TenantSettings?> GetSettingsAsync();

    [ReadOnly, Alias("Resolve")]
    Task<Destination> ResolveAsync(string number);

    [ReadOnly, Alias("FindExtension")]
    Task<string?> FindExtensionAsync(ExtensionLookup by, string value);

    [Alias("UpsertExtension")]
    Task<PbxResult> UpsertExtensionAsync(ExtensionConfig config);

    [Alias("RemoveExtension")]
    Task<PbxResult> RemoveExtensionAsync(string number);

    [Alias("UpsertQueue")]
    Task<PbxResult> UpsertQueueAsync(QueueConfig config);

    [Alias("UpsertAgent")]
    Task<PbxResult> UpsertAgentAsync(AgentConfig config);

    [Alias("UpsertRingGroup")]
    Task<PbxResult> UpsertRingGroupAsync(RingGroupConfig config);

    [Alias("RemoveRingGroup")]
    Task<PbxResult> RemoveRingGroupAsync(string number);

    [Alias("UpdateSettings")]
    Task<PbxResult> UpdateSettingsAsync(TenantSettings settings);

    /// <summary>Adds a transport fault; the answer is the rule as kept (its id and version given by the tenant).</summary>
    [Alias("AddFault")]
    Task<PbxResult<FaultRule>> AddFaultAsync(FaultRule rule);

    /// <summary>Pauses or resumes a fault (a paused one matches nothing).</summary>
    [Alias("PauseFault")]
    Task<PbxResult<FaultRule>> PauseFaultAsync(string id, bool paused);

    [Alias("RemoveFault")]
    Task<PbxResult> RemoveFaultAsync(string id);

    /// <summary>
    /// Creates an extension on the lowest free number at or above <paramref name="firstNumber"/> (free: no extension,
    /// queue, ring group or parking slot has it), chosen in the tenant's turn so two creations never pick the same one.
    /// The template's number is ignored; the answer is the number chosen.
    /// </summary>
    [Alias("CreateExtension")]
    Task<PbxResult<string>> CreateExtensionAsync(ExtensionConfig template, string firstNumber);

    /// <summary>Creates a ring group on the lowest free number at or above <paramref name="firstNumber"/>; see <see cref="CreateExtensionAsync"/>.</summary>
    [Alias("CreateRingGroup")]
    Task<PbxResult<string>> CreateRingGroupAsync(RingGroupConfig template, string firstNumber);

    /// <summary>Creates a queue dialled on the lowest free number at or above <paramref name="firstNumber"/>; a template
    /// without a name is named after that number.</summary>
    [Alias("CreateQueue")]
    Task<PbxResult<string>> CreateQueueAsync(QueueConfig template, string firstNumber);

    /// <summary>
    /// Creates an extension on its own number, refused with <see cref="DomainError.NumberInUse"/> when anything of the
    /// tenant already answers that number (an extension included): a creation never overwrites. Checked and written in
    /// the tenant's turn, so two creations of one number never both succeed.
    /// </summary>
    [Alias("AddExtension")]
    Task<PbxResult> AddExtensionAsync(ExtensionConfig config);

    /// <summary>Creates a ring group on its own number; see <see cref="AddExtensionAsync"/>.</summary>
    [Alias("AddRingGroup")]
    Task<PbxResult> AddRingGroupAsync(RingGroupConfig config);

    /// <summary>Creates a queue under its name, dialled on its number; refused when either is taken; see <see cref="AddExtensionAsync"/>.</summary>
    [Alias("AddQueue")]
    Task<PbxResult> AddQueueAsync(QueueConfig config);

    /// <summary>Removes every listed extension, or none of them when one does not exist (its number is the detail).</summary>
    [Alias("RemoveExtensions")]
    Task<PbxResult> RemoveExtensionsAsync(ImmutableArray<string> numbers);

    /// <summary>Removes every listed ring group, or none of them when one does not exist.</summary>
    [Alias("RemoveRingGroups")]
    Task<PbxResult> RemoveRingGroupsAsync(ImmutableArray<string> numbers);

    /// <summary>Removes every listed queue (by name), or none of them when one does not exist.</summary>
    [Alias("RemoveQueues")]
    Task<PbxResult> RemoveQueuesAsync(ImmutableArray<string> names);

    /// <summary>
    /// The routing its own grain (<see cref="INumberRoutingGrain"/>) last decided, for resolving numbers: PbxClient hands
    /// it over after each change, so the next call to a routed number follows it. An older version than the one held is
    /// ignored (two changes' hand-overs may cross).
    /// </summary>
    [Alias("UseNumberRouting")]
    Task UseNumberRoutingAsync(NumberRouting routing);

    /// <summary>The profiles and the phone inventory; null for no tenant.</summary>
    [ReadOnly, Alias("GetDirectory")]
    Task<DirectoryCatalogue?> GetDirectoryAsync();
}
