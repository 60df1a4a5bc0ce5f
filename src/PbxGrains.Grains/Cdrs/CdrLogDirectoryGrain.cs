using System.Collections.Immutable;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Cdrs;

/// <summary>
/// The CDR logs a tenant has written (see <see cref="ICdrLogDirectoryGrain"/>). Written once per log and day (a log's
/// first append) and when retention or a deletion forgets logs, never per call; a tenant with nothing registered keeps
/// no state.
/// </summary>
public sealed class CdrLogDirectoryGrain(
    [PersistentState("cdr-logs", PbxStorage.Name)] IPersistentState<CdrLogDirectoryState> state) : Grain, ICdrLogDirectoryGrain
{
    public async Task<ImmutableArray<string>> AddAsync(string logKey)
    {
        if (!state.State.Logs.Contains(logKey))
        {
            await state.CommitAsync(new CdrLogDirectoryState { Logs = state.State.Logs.Add(logKey) });
        }

        return [.. state.State.Logs];
    }

    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult<ImmutableArray<string>>([.. state.State.Logs]);

    public async Task RemoveAsync(ImmutableArray<string> logKeys)
    {
        var kept = state.State.Logs.Except(logKeys);
        if (kept.Count == state.State.Logs.Count)
        {
            return;
        }

        if (kept.IsEmpty)
        {
            await state.ClearStateAsync();
            state.State = new CdrLogDirectoryState();
            DeactivateOnIdle();
            return;
        }

        await state.CommitAsync(new CdrLogDirectoryState { Logs = kept });
    }
}

[GenerateSerializer, Alias("pbx.cdr-log-directory-state")]
public sealed record class CdrLogDirectoryState
{
    /// <summary>Log keys; they sort by day within the tenant.</summary>
    [Id(0)] public ImmutableSortedSet<string> Logs { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
}
