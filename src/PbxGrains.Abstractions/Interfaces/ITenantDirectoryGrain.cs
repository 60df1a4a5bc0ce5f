using System.Collections.Immutable;
using Orleans.Concurrency;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>The list of tenants (key 0). Touched only when a tenant is created or deleted, or tenants are listed.</summary>
[Alias("pbx.ITenantDirectoryGrain")]
public interface ITenantDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task<bool> AddAsync(string tenant);

    [Alias("Remove")]
    Task RemoveAsync(string tenant);

    [ReadOnly, Alias("List")]
    Task<ImmutableArray<string>> ListAsync();
}
