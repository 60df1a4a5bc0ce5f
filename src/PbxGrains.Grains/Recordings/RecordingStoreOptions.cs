namespace PbxGrains.Grains.Recordings;

/// <summary>
/// Bounds of a tenant's recording store (configuration section <c>Pbx:Recordings</c>; <c>Recordings</c>, where it was, is
/// still read beneath it). A simulated PBX records for as long as
/// it runs, so the store keeps the newest files only: past <see cref="MaxFilesPerTenant"/>, the oldest file (the first
/// the store was given) is removed as a new one is added, like a disk whose old recordings a cleanup job deletes.
/// </summary>
public sealed class RecordingStoreOptions
{
    public const string SectionName = "Pbx:Recordings";

    /// <summary>The section's earlier place, read first so that a key given in both takes <see cref="SectionName"/>'s value.</summary>
    public const string LegacySectionName = "Recordings";

    public const int MaxSegmentSize = 4096;

    public const int DefaultMaxFilesPerTenant = 100_000;

    /// <summary>How many files a tenant's store keeps at most (at least 1).</summary>
    public int MaxFilesPerTenant { get; set; } = DefaultMaxFilesPerTenant;

    /// <summary>
    /// Files per segment: the store's own state holds at most this many (it is written on each add), and a move or a
    /// delete rewrites at most one segment. Fixed for a store when it is made (a store made before keeps its own).
    /// </summary>
    public int SegmentSize { get; set; } = 64;

    internal int Segment => Math.Clamp(SegmentSize, 1, MaxSegmentSize);

    /// <summary>
    /// Buckets a new store spreads its paths over: about 64 paths each when the store is full, so that recording a
    /// file writes a bucket of that size whatever the store holds. Fixed for a store when it is made.
    /// </summary>
    public int TreeBuckets => (int)Math.Clamp((Math.Max(1L, MaxFilesPerTenant) + 63) / 64, 16, 16_384);

    /// <summary>What is wrong with these settings, each naming its key under <paramref name="section"/>.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (MaxFilesPerTenant < 1)
        {
            yield return $"{section}:MaxFilesPerTenant must be at least 1; it is {MaxFilesPerTenant}.";
        }

        if (SegmentSize is < 1 or > MaxSegmentSize)
        {
            yield return $"{section}:SegmentSize must be from 1 to {MaxSegmentSize}; it is {SegmentSize}.";
        }
    }
}
