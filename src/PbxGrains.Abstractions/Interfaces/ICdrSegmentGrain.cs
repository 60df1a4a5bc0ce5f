using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// One sealed segment of a CDR log (key <c>{tenant}/{yyyyMMdd}/{shard}/{segment}</c>): written once by its log's
/// writer, read many times, dropped whole by retention. Calls no other grain.
/// </summary>
[Alias("pbx.ICdrSegmentGrain")]
public interface ICdrSegmentGrain : IGrainWithStringKey
{
    /// <summary>Keeps <paramref name="records"/>; a segment already sealed keeps what it has (a retried seal).</summary>
    [Alias("Seal")]
    Task SealAsync(ImmutableArray<CdrRecord> records);

    /// <summary>The segment's records in append order; empty when it is not sealed (yet) or was dropped.</summary>
    [ReadOnly, Alias("Read")]
    Task<ImmutableArray<CdrRecord>> ReadAsync();

    /// <summary>Forgets the records (retention) and answers them, so their index entries can go too.</summary>
    [Alias("Drop")]
    Task<ImmutableArray<CdrRecord>> DropAsync();
}
