using System.Collections.Concurrent;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Client;

/// <summary>
/// Reads queue snapshots for pollers. Every read still asks the queue (so nothing is ever served stale), but it asks
/// "changed since the epoch and version I hold?": when the queue lives in another process the unchanged answer is a
/// null instead of the whole snapshot, so a poll's cost does not grow with the queue. A per-process read model keyed
/// by (epoch, version); it is rebuilt by simply asking again, and bounded.
/// </summary>
public sealed class QueueSnapshotReader(IGrainFactory grains)
{
    private const int MaxQueues = 65_536;

    private readonly ConcurrentDictionary<string, QueueSnapshot> _latest = new(StringComparer.Ordinal);

    public async Task<QueueSnapshot> GetAsync(string tenant, string queue)
    {
        var key = TenantKey.Of(tenant, queue);
        var grain = grains.Ref<IQueueGrain>(key);
        if (!_latest.TryGetValue(key, out var held))
        {
            return Keep(key, await grain.GetSnapshotAsync());
        }

        var changed = await grain.GetSnapshotIfChangedAsync(held.Epoch, held.Version);
        return changed is null ? held : Keep(key, changed);
    }

    private QueueSnapshot Keep(string key, QueueSnapshot snapshot)
    {
        if (_latest.Count >= MaxQueues)
        {
            // A crude bound: forgetting costs each queue one full read.
            _latest.Clear();
        }

        _latest[key] = snapshot;
        return snapshot;
    }
}
