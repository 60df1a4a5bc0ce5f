using System.Collections.Immutable;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// A tenant's key/value database (see <see cref="IKeyValueStoreGrain"/>). One grain per tenant: it is written by
/// provisioning and the odd feature flag, never on a call's or a poll's path. Its state is bounded
/// (<see cref="IKeyValueStoreGrain.MaxEntries"/>), so writing it whole on a change stays cheap. A change is kept in
/// memory only once storage has it.
/// </summary>
public sealed class KeyValueStoreGrain(
    [PersistentState("keyvalues", PbxStorage.Name)] IPersistentState<KeyValueStoreState> state) : Grain, IKeyValueStoreGrain
{
    public async Task<PbxResult> PutAsync(string family, string key, string value)
    {
        if ((Problem(family, "family") ?? Problem(key, "key")) is { } problem)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problem);
        }

        if (value.Length > IKeyValueStoreGrain.MaxValueLength)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, $"value: at most {IKeyValueStoreGrain.MaxValueLength} characters");
        }

        var path = StoredValue.PathOf(family, key);
        var entries = state.State.Entries;
        if (!entries.ContainsKey(path) && entries.Count >= IKeyValueStoreGrain.MaxEntries)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, $"the store is full ({IKeyValueStoreGrain.MaxEntries} entries)");
        }

        if (entries.TryGetValue(path, out var current) && current == value)
        {
            return PbxResult.Ok;
        }

        await state.CommitAsync(state.State with { Entries = entries.SetItem(path, value) });
        return PbxResult.Ok;
    }

    public Task<string?> GetAsync(string family, string key) =>
        Task.FromResult(state.State.Entries.TryGetValue(StoredValue.PathOf(family, key), out var value) ? value : null);

    public Task<ImmutableArray<StoredValue>> ShowAsync(string family) =>
        Task.FromResult<ImmutableArray<StoredValue>>([.. Branch(family).Order(StringComparer.Ordinal).Select(p => new StoredValue(p, state.State.Entries[p]))]);

    public async Task<bool> DeleteAsync(string family, string key)
    {
        var path = StoredValue.PathOf(family, key);
        if (!state.State.Entries.ContainsKey(path))
        {
            return false;
        }

        await state.CommitAsync(state.State with { Entries = state.State.Entries.Remove(path) });
        return true;
    }

    public async Task<int> DeleteTreeAsync(string family)
    {
        var branch = Branch(family).ToList();
        if (branch.Count > 0)
        {
            await state.CommitAsync(state.State with { Entries = state.State.Entries.RemoveRange(branch) });
        }

        return branch.Count;
    }

    public async Task ClearAsync()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        state.State = new KeyValueStoreState();
    }

    /// <summary>The paths of a branch: the family itself as a path and everything below it (a tree, not a text prefix).</summary>
    private IEnumerable<string> Branch(string family)
    {
        var root = "/" + family;
        return family.Length == 0
            ? state.State.Entries.Keys
            : state.State.Entries.Keys.Where(p => p == root || p.StartsWith(root + "/", StringComparison.Ordinal));
    }

    private static string? Problem(string part, string name) =>
        part.Length == 0 ? $"{name}: is required"
        : part.Length > IKeyValueStoreGrain.MaxPartLength || part.Any(char.IsControl) ? $"{name}: at most {IKeyValueStoreGrain.MaxPartLength} characters without control characters"
        : null;
}

[GenerateSerializer, Alias("pbx.keyvalue-store-state")]
public sealed record class KeyValueStoreState
{
    /// <summary>Values by path (<c>/family/key</c>).</summary>
    [Id(0)] public ImmutableDictionary<string, string> Entries { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
