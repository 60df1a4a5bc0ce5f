using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Client;

/// <summary>
/// The coarse operations surfaces and the control API use: it finds the grain that owns a fact (the call of a
/// channel, the call of a parked slot) and fans listings out over shards. It holds no state of its own.
/// </summary>
public sealed partial class PbxClient(IGrainFactory grains, SequenceSource sequences, PbxClock clock)
{
    public IGrainFactory Grains => grains;

    public PbxClock Clock => clock;

    public ITenantGrain Tenant(string tenant) => grains.Ref<ITenantGrain>(tenant);

    public IExtensionGrain Extension(string tenant, string number) => grains.Ref<IExtensionGrain>(TenantKey.Of(tenant, number));

    public IQueueGrain Queue(string tenant, string name) => grains.Ref<IQueueGrain>(TenantKey.Of(tenant, name));

    public IAgentGrain Agent(string tenant, string id) => grains.Ref<IAgentGrain>(TenantKey.Of(tenant, id));

    public IParkingLotGrain ParkingLot(string tenant, string lot) => grains.Ref<IParkingLotGrain>(TenantKey.Of(tenant, lot));

    public IRingGroupGrain RingGroup(string tenant, string number) => grains.Ref<IRingGroupGrain>(TenantKey.Of(tenant, number));

    public ITrafficGrain Traffic(string tenant, string name) => grains.Ref<ITrafficGrain>(TenantKey.Of(tenant, name));

    public ICallGrain Call(string tenant, string callId) => grains.Ref<ICallGrain>(TenantKey.Of(tenant, callId));

    public IChannelGrain Channel(string tenant, string name) => grains.Ref<IChannelGrain>(TenantKey.Of(tenant, name));

    /// <summary>The tenant's durable key/value database.</summary>
    public IKeyValueStoreGrain KeyValues(string tenant) => grains.Ref<IKeyValueStoreGrain>(tenant);

    public async Task<string> NewCallIdAsync(string tenant) => UniqueId.Format(clock.Now, await sequences.NextAsync(tenant));

    /// <summary>A new call's id, for a call that starts at <paramref name="at"/> (its unique id names that second).</summary>
    public async Task<string> NewCallIdAsync(string tenant, DateTimeOffset at) => UniqueId.Format(at, await sequences.NextAsync(tenant));

    /// <summary>
    /// Deletes a tenant, hangs up its live calls and drops what it stored (key/value database, CDRs, recordings), so a
    /// new tenant with the same id starts empty. The tenant grain cannot do the hanging up itself: calls await the
    /// tenant, so the tenant awaiting a call could close a waiting cycle. Its generators stop first (inside the
    /// tenant's delete), so no new call starts while the old ones are hung up; the stores are purged after the hang-ups,
    /// whose CDRs are the last the old tenant writes. The tenant's sequence of unique ids is kept on purpose: a new
    /// tenant's calls never reuse an old call's id.
    /// </summary>
    public async Task<PbxResult> DeleteTenantAsync(string tenant)
    {
        var deleted = await Tenant(tenant).DeleteAsync();
        if (deleted.IsOk)
        {
            var calls = await ListCallsAsync(tenant);
            await Task.WhenAll(calls.Select(c => Call(tenant, c.CallId).HangupAsync(null, HangupCause.NormalClearing)));
            await KeyValues(tenant).ClearAsync();
            await PurgeCdrsAsync(tenant);
            await Recordings(tenant).PurgeAsync();
        }

        return deleted;
    }

    public async Task<PbxResult<CallSnapshot>> OriginateAsync(string tenant, OriginateRequest request)
    {
        // A parking slot is not a new call: the source joins the call that owns the parked channel.
        var destination = await Tenant(tenant).ResolveAsync(request.Destination);
        if (destination.Kind == DestinationKind.ParkingSlot)
        {
            return await JoinParkedAsync(tenant, destination, request.SourceExtension, offHook: false);
        }

        return await Call(tenant, await NewCallIdAsync(tenant)).OriginateAsync(request with { ResolvedDestination = destination });
    }

    /// <summary>
    /// Places a call from an extension's phone. A request without an instant is stamped here, where it enters the
    /// PBX: the call takes its first step at that instant however long the way to its grain takes.
    /// </summary>
    public async Task<PbxResult<CallSnapshot>> DialAsync(string tenant, DialRequest request)
    {
        request = request.At is null ? request with { At = clock.Now } : request;
        var destination = await Tenant(tenant).ResolveAsync(request.Destination);
        if (destination.Kind == DestinationKind.ParkingSlot)
        {
            return await JoinParkedAsync(tenant, destination, request.FromExtension, offHook: true);
        }

        return await Call(tenant, await NewCallIdAsync(tenant, request.At!.Value)).DialAsync(request with { ResolvedDestination = destination });
    }

    public async Task<PbxResult<CallSnapshot>> DialIntoContextAsync(string tenant, ContextCallRequest request) =>
        await Call(tenant, await NewCallIdAsync(tenant)).DialIntoContextAsync(request);

    /// <summary>A call arriving from outside; stamped as <see cref="DialAsync"/> is.</summary>
    public async Task<PbxResult<CallSnapshot>> InboundAsync(string tenant, InboundCallRequest request)
    {
        var at = request.At ?? clock.Now;
        return await Call(tenant, await NewCallIdAsync(tenant, at)).InboundAsync(request with { At = at });
    }

    public Task<ChannelSnapshot?> FindChannelAsync(string tenant, string channel) => Channel(tenant, channel).GetAsync();

    public Task<PbxResult> AnswerAsync(string tenant, string channel) => OnChannelAsync(tenant, channel, (c, n) => c.AnswerAsync(n));

    public Task<PbxResult> RejectAsync(string tenant, string channel) => OnChannelAsync(tenant, channel, (c, n) => c.RejectAsync(n));

    public Task<PbxResult> HangupAsync(string tenant, string channel, HangupCause cause = HangupCause.NormalClearing) =>
        OnChannelAsync(tenant, channel, (c, n) => c.HangupAsync(n, cause));

    public Task<PbxResult> HoldAsync(string tenant, string channel) => OnChannelAsync(tenant, channel, (c, n) => c.HoldAsync(n));

    public Task<PbxResult> UnholdAsync(string tenant, string channel) => OnChannelAsync(tenant, channel, (c, n) => c.UnholdAsync(n));

    public Task<PbxResult> RedirectAsync(string tenant, string channel, string destination) =>
        OnChannelAsync(tenant, channel, (c, n) => c.RedirectAsync(n, destination));

    public Task<PbxResult> SetVariableAsync(string tenant, string channel, string name, string value) =>
        OnChannelAsync(tenant, channel, (c, n) => c.SetVariableAsync(n, name, value));

    public Task<PbxResult> SetRecordingAsync(string tenant, string channel, bool on, string? file) =>
        OnChannelAsync(tenant, channel, (c, n) => c.SetRecordingAsync(n, on, file));

    /// <summary>
    /// Acts on a channel already seen in a picture that names its call (an extension's channels): its call is asked
    /// at once, without asking the channel's address first. A call that has since ended answers ChannelNotFound.
    /// </summary>
    public Task<PbxResult> OnSeenChannelAsync(string tenant, ChannelSnapshot seen, Func<ICallGrain, string, Task<PbxResult>> action) =>
        action(Call(tenant, seen.CallId), seen.Name);

    public async Task<PbxResult<string>> GetVariableAsync(string tenant, string channel, string name)
    {
        var snapshot = await FindChannelAsync(tenant, channel);
        if (snapshot is null || snapshot.IsHungUp)
        {
            return PbxResult<string>.Fail(DomainError.ChannelNotFound, channel);
        }

        return snapshot.Variables.TryGetValue(name, out var value)
            ? PbxResult<string>.Success(value)
            : PbxResult<string>.Fail(DomainError.VariableNotFound, name);
    }

    public async Task<PbxResult<int>> ParkAsync(string tenant, string channel, string lot = "default")
    {
        var snapshot = await FindChannelAsync(tenant, channel);
        if (snapshot is null || snapshot.IsHungUp)
        {
            return PbxResult<int>.Fail(DomainError.ChannelNotFound, channel);
        }

        return await Call(tenant, snapshot.CallId).ParkAsync(snapshot.Name, lot);
    }

    public async Task<PbxResult<CallSnapshot>> SpyAsync(string tenant, SpyRequest request)
    {
        var target = await FindChannelAsync(tenant, request.TargetChannel);
        if (target is null || target.IsHungUp)
        {
            return PbxResult<CallSnapshot>.Fail(DomainError.ChannelNotFound, request.TargetChannel);
        }

        return await Call(tenant, target.CallId).SpyAsync(request);
    }

    public async Task<PbxResult<CallSnapshot>> JoinParkedAsync(string tenant, string lot, int slot, string extension)
    {
        var parked = await ParkingLot(tenant, lot).FindAsync(slot);
        return parked is null
            ? PbxResult<CallSnapshot>.Fail(DomainError.ParkingSlotEmpty, $"slot {slot} of lot {lot} is empty")
            : await Call(tenant, parked.CallId).JoinParkedAsync(extension, slot, offHook: false);
    }

    /// <summary>Every live call of the tenant, oldest first.</summary>
    public async Task<ImmutableArray<CallSnapshot>> ListCallsAsync(string tenant)
    {
        var shards = await Task.WhenAll(Shards.AllLiveCallsKeys(tenant).Select(k => grains.Ref<ILiveCallsGrain>(k).ListAsync()));
        return [.. shards.SelectMany(s => s).OrderBy(c => c.Started).ThenBy(c => c.CallId, StringComparer.Ordinal)];
    }

    /// <summary>Every live channel of the tenant, in call order.</summary>
    public async Task<ImmutableArray<ChannelSnapshot>> ListChannelsAsync(string tenant) =>
        [.. (await ListCallsAsync(tenant)).SelectMany(c => c.Legs).Where(l => !l.IsHungUp)];

    /// <summary>The tenant's recording store.</summary>
    public IRecordingStoreGrain Recordings(string tenant) => grains.Ref<IRecordingStoreGrain>(tenant);

    private async Task<PbxResult<CallSnapshot>> JoinParkedAsync(string tenant, Destination slot, string extension, bool offHook)
    {
        // A slot destination's key is "{lot}/{slot}".
        var separator = slot.Key.LastIndexOf('/');
        var lot = slot.Key[..separator];
        var number = int.Parse(slot.Key[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var parked = await ParkingLot(tenant, lot).FindAsync(number);
        return parked is null
            ? PbxResult<CallSnapshot>.Fail(DomainError.ParkingSlotEmpty, $"slot {number} of lot {lot} is empty")
            : await Call(tenant, parked.CallId).JoinParkedAsync(extension, number, offHook);
    }

    private async Task<PbxResult> OnChannelAsync(string tenant, string channel, Func<ICallGrain, string, Task<PbxResult>> action)
    {
        var snapshot = await FindChannelAsync(tenant, channel);
        if (snapshot is null || snapshot.IsHungUp)
        {
            return PbxResult.Fail(DomainError.ChannelNotFound, channel);
        }

        return await action(Call(tenant, snapshot.CallId), snapshot.Name);
    }
}
