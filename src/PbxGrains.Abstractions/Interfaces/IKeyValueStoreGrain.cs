using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A tenant's durable key/value database (key: the tenant id), the kind a PBX keeps its per-line flags and
/// small settings in (Asterisk's database is one). Values live under a family and a key; a family may itself be a path
/// (<c>users/1000</c>), so the store is a tree that is read and deleted by branch. It survives restarts and is bounded
/// in size: at most <see cref="MaxEntries"/> entries, each part at most <see cref="MaxPartLength"/> characters and each
/// value at most <see cref="MaxValueLength"/>. It awaits nothing but its storage.
/// </summary>
[Alias("pbx.IKeyValueStoreGrain")]
public interface IKeyValueStoreGrain : IGrainWithStringKey
{
    public const int MaxEntries = 10_000;

    public const int MaxPartLength = 255;

    public const int MaxValueLength = 4_096;

    /// <summary>Sets a value; refused (<see cref="DomainError.InvalidArgument"/>) for an empty or too long part or a full store.</summary>
    [Alias("Put")]
    Task<PbxResult> PutAsync(string family, string key, string value);

    /// <summary>The value, or null when there is none.</summary>
    [ReadOnly, Alias("Get")]
    Task<string?> GetAsync(string family, string key);

    /// <summary>Every entry of a branch (all of them for an empty family), in key order.</summary>
    [ReadOnly, Alias("Show")]
    Task<ImmutableArray<StoredValue>> ShowAsync(string family);

    /// <summary>Removes one entry; false when there was none.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync(string family, string key);

    /// <summary>Removes a whole branch; the answer is how many entries went (0 when there were none).</summary>
    [Alias("DeleteTree")]
    Task<int> DeleteTreeAsync(string family);

    /// <summary>Forgets everything (the tenant was deleted).</summary>
    [Alias("Clear")]
    Task ClearAsync();
}

/// <summary>One entry: its whole path (<c>/family/key</c>) and its value.</summary>
[GenerateSerializer, Immutable, Alias("pbx.stored-value")]
public sealed record class StoredValue([property: Id(0)] string Path, [property: Id(1)] string Value)
{
    /// <summary>The path of <paramref name="key"/> in <paramref name="family"/>: <c>/family/key</c>.</summary>
    public static string PathOf(string family, string key) => $"/{family}/{key}";
}
