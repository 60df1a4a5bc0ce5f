namespace PbxGrains.Grains.Cdrs;

/// <summary>
/// Bounds of the CDR store (configuration section <c>Pbx:Cdrs</c>; <c>Cdrs</c>, where it was, is still read beneath it). A simulated PBX writes CDRs for as long as it runs, so
/// the store keeps the last <see cref="RetentionDays"/> days and, of each tenant-day, the newest
/// <see cref="MaxRecordsPerTenantDay"/> records (whole segments go, the oldest first), like a PBX whose CDR database a
/// cleanup job trims.
/// </summary>
public sealed class CdrStoreOptions
{
    public const string SectionName = "Pbx:Cdrs";

    /// <summary>The section's earlier place, read first so that a key given in both takes <see cref="SectionName"/>'s value.</summary>
    public const string LegacySectionName = "Cdrs";

    public const int MaxSegmentSize = 4096;

    /// <summary>The segment size of logs written before a log kept its own.</summary>
    internal const int LegacySegmentSize = 64;

    /// <summary>
    /// Records per segment: the writer's state holds at most this many and is rewritten on each append, so an append
    /// costs about half a segment's serialization (at 64, a quarter of all the host's allocations at 500 calls/s);
    /// each full segment costs one sealed segment grain. A log keeps the size it was started with.
    /// </summary>
    public int SegmentSize { get; set; } = 16;

    /// <summary>Days kept, today included: when a tenant's day starts, the day this many days before it goes.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>Records kept per tenant and day at most (rounded up to whole segments per shard).</summary>
    public long MaxRecordsPerTenantDay { get; set; } = 1_000_000;

    /// <summary>How many days before the retention's edge a new day also makes sure are gone (days without a call).</summary>
    public int PurgeLookbackDays { get; set; } = 7;

    internal int Segment => Math.Clamp(SegmentSize, 1, MaxSegmentSize);

    /// <summary>Sealed segments one shard keeps at most.</summary>
    internal long MaxSealedSegments(int shards, int segmentSize) =>
        Math.Max(1, (Math.Max(1, MaxRecordsPerTenantDay) + (long)shards * segmentSize - 1) / ((long)shards * segmentSize));

    /// <summary>What is wrong with these settings, each naming its key under <paramref name="section"/>.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (SegmentSize is < 1 or > MaxSegmentSize)
        {
            yield return $"{section}:SegmentSize must be from 1 to {MaxSegmentSize}; it is {SegmentSize}.";
        }

        if (RetentionDays < 1)
        {
            yield return $"{section}:RetentionDays must be at least 1 (today); it is {RetentionDays}.";
        }

        if (MaxRecordsPerTenantDay < 1)
        {
            yield return $"{section}:MaxRecordsPerTenantDay must be at least 1; it is {MaxRecordsPerTenantDay}.";
        }

        if (PurgeLookbackDays < 0)
        {
            yield return $"{section}:PurgeLookbackDays must not be negative; it is {PurgeLookbackDays}.";
        }
    }
}
