using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// One shard of a tenant's live calls. Calls publish one way after every change; an ended call is dropped and its
/// id remembered for a while, so a late picture cannot bring it back. The listing is rebuilt lazily, on the first
/// read after a change, without awaiting anything (which is why it may interleave). Kept in memory while it lists a
/// call (the listing lives only here); an empty shard, such as one a listing of a made-up tenant activated, is
/// collected when idle, and with it the memory of ended calls, by then long past any late picture.
/// </summary>
public sealed partial class LiveCallsGrain : EntityGrain, ILiveCallsGrain
{
    private const int RememberedEndedCalls = 4096;

    private readonly Dictionary<string, CallSnapshot> _calls = new(StringComparer.Ordinal);
    private readonly RecentNames _ended = new(RememberedEndedCalls);
    private ImmutableArray<CallSnapshot>? _listing;

    public Task PublishAsync(CallSnapshot snapshot)
    {
        if (_ended.Contains(snapshot.CallId) || (_calls.TryGetValue(snapshot.CallId, out var known) && known.Version >= snapshot.Version))
        {
            return Task.CompletedTask;
        }

        if (snapshot.Phase == CallPhase.Ended)
        {
            _calls.Remove(snapshot.CallId);
            _ended.Add(snapshot.CallId);
        }
        else
        {
            _calls[snapshot.CallId] = snapshot;
        }

        _listing = null;
        KeepAliveWhile(_calls.Count > 0);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<CallSnapshot>> ListAsync()
    {
        _listing ??= [.. _calls.Values.OrderBy(c => c.Started).ThenBy(c => c.CallId, StringComparer.Ordinal)];
        return Task.FromResult(_listing.Value);
    }
}
