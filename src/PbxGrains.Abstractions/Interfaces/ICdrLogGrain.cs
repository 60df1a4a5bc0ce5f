using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// The writer of one shard of a tenant's CDRs for one day (key <c>{tenant}/{yyyyMMdd}/{shard}</c>): an append-only log
/// of fixed-size segments. Its state is the open segment and a few counters only; a full segment is sealed into its
/// own <see cref="ICdrSegmentGrain"/> (written once), so an append costs the same whatever the day holds. Calls only
/// the grains of its own log (segments, the sequence index, the writers of days past the retention).
/// </summary>
[Alias("pbx.ICdrLogGrain")]
public interface ICdrLogGrain : IGrainWithStringKey
{
    /// <summary>Appends a call's record; a retried append of a call already kept changes nothing.</summary>
    [SafeToResend, Alias("Append")]
    Task AppendAsync(CdrRecord record);

    /// <summary>Where the log stands (its kept segments, the open segment's records): what a reader pages from.</summary>
    [ReadOnly, Alias("View")]
    Task<CdrLogView> ViewAsync();

    /// <summary>Drops the whole day (retention): reads see nothing at once; the sealed segments go in the background.</summary>
    [Alias("Purge")]
    Task PurgeAsync();
}
