using Orleans.Storage;

namespace PbxGrains.Tests.Cluster.Infrastructure;

/// <summary>One write that reached grain storage: whose state it was and how many bytes storage was handed.</summary>
public sealed record StorageWrite(GrainId Grain, string StateName, int Bytes)
{
    public string Key => Grain.Key.ToString() ?? "";
}

/// <summary>
/// Every state write of the cluster's <c>pbx</c> storage, in the order storage saw them, with the size of the value a
/// real provider (Redis) would store: the state serialized by the silos' own <see cref="IGrainStorageSerializer"/>.
/// Tests take a <see cref="Mark"/> before an operation and read what it wrote with <see cref="Since"/>.
/// </summary>
public sealed class StorageWrites
{
    private readonly Lock _gate = new();
    private readonly List<StorageWrite> _writes = [];

    public int Mark()
    {
        lock (_gate)
        {
            return _writes.Count;
        }
    }

    /// <summary>The writes after <paramref name="mark"/> to grains whose key starts with <paramref name="keyPrefix"/>.</summary>
    public IReadOnlyList<StorageWrite> Since(int mark, string keyPrefix)
    {
        lock (_gate)
        {
            return [.. _writes.Skip(mark).Where(w => w.Key.StartsWith(keyPrefix, StringComparison.Ordinal))];
        }
    }

    public void Add(StorageWrite write)
    {
        lock (_gate)
        {
            _writes.Add(write);
        }
    }
}

/// <summary>
/// Grain storage that hands everything to the in-memory provider and records, for each write, the size of the
/// serialized state (see <see cref="StorageWrites"/>). The memory provider serializes too, so nothing is kept that a
/// real provider would not keep.
/// </summary>
public sealed class MeasuredGrainStorage(IGrainStorage inner, IGrainStorageSerializer serializer, StorageWrites writes) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var bytes = serializer.Serialize(grainState.State).ToMemory().Length;
        await inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        writes.Add(new StorageWrite(grainId, stateName, bytes));
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken) =>
        inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
}
