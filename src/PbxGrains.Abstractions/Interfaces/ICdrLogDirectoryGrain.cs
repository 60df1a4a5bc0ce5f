using System.Collections.Immutable;
using Orleans.Concurrency;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// The CDR logs a tenant has written (key: the tenant id; entries are log keys <c>{tenant}/{yyyyMMdd}/{shard}</c>): a
/// log registers itself before its day's first record is kept, and leaves when retention drops its day. Retention
/// and the deletion of the tenant read it, so no day is missed however long ago it was written. It holds a few
/// entries per retained day and calls no other grain.
/// </summary>
[Alias("pbx.ICdrLogDirectoryGrain")]
public interface ICdrLogDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Registers a log (once) and answers every log the tenant has registered.</summary>
    [Alias("Add")]
    Task<ImmutableArray<string>> AddAsync(string logKey);

    [ReadOnly, Alias("List")]
    Task<ImmutableArray<string>> ListAsync();

    /// <summary>Forgets logs whose records have been dropped (retention, the tenant's deletion).</summary>
    [Alias("Remove")]
    Task RemoveAsync(ImmutableArray<string> logKeys);
}
