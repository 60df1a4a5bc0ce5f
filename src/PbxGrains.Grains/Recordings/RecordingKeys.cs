using System.Globalization;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Grains.Recordings;

/// <summary>
/// Keys of the grains a tenant's recording store keeps its files in. Each key names the store's generation: a purge
/// starts a new one, so what a deleted tenant kept is never read again while it is dropped in the background.
/// </summary>
public static class RecordingKeys
{
    /// <summary>Consecutive unique-id sequence numbers per index bucket: a bucket holds the recordings of this many calls.</summary>
    public const int IndexRun = 64;

    /// <summary>Index buckets for call ids that are not unique ids (<c>&lt;epoch&gt;.&lt;sequence&gt;</c>), spread by hash.</summary>
    public const int OtherIndexBuckets = 256;

    public static string Segment(string tenant, long generation, long segment) =>
        TenantKey.Of(tenant, string.Create(CultureInfo.InvariantCulture, $"{generation}/{segment}"));

    /// <summary>The index bucket that holds a call's recordings.</summary>
    public static string Index(string tenant, long generation, string callId) => SequenceOf(callId) is { } sequence
        ? IndexOfSequence(tenant, generation, sequence)
        : TenantKey.Of(tenant, string.Create(CultureInfo.InvariantCulture, $"{generation}/h{Abstractions.Ids.StableHash.Shard(callId, OtherIndexBuckets)}"));

    /// <summary>The index bucket of the calls whose unique ids end in <paramref name="sequence"/>.</summary>
    public static string IndexOfSequence(string tenant, long generation, long sequence) =>
        TenantKey.Of(tenant, string.Create(CultureInfo.InvariantCulture, $"{generation}/s{sequence / IndexRun}"));

    public static int TreeBucketOf(string path, int buckets) => Abstractions.Ids.StableHash.Shard(path, buckets);

    public static string Tree(string tenant, long generation, int bucket) =>
        TenantKey.Of(tenant, string.Create(CultureInfo.InvariantCulture, $"{generation}/{bucket}"));

    /// <summary>The sequence number of a unique id (<c>&lt;epoch&gt;.&lt;sequence&gt;</c>), or null for another form.</summary>
    public static long? SequenceOf(string callId)
    {
        var dot = callId.LastIndexOf('.');
        return dot >= 0 && long.TryParse(callId.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : null;
    }
}
