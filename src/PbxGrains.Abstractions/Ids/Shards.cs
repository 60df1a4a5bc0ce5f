using System.Globalization;

namespace PbxGrains.Abstractions.Ids;

/// <summary>How tenant-wide collections are split across grains so that none of them is a single hot spot.</summary>
public static class Shards
{
    public const int LiveCalls = 8;
    public const int CdrsPerDay = 4;

    public static string LiveCallsKey(string tenant, string callId) =>
        TenantKey.Of(tenant, StableHash.Shard(callId, LiveCalls).ToString(CultureInfo.InvariantCulture));

    public static IEnumerable<string> AllLiveCallsKeys(string tenant) =>
        Enumerable.Range(0, LiveCalls).Select(i => TenantKey.Of(tenant, i.ToString(CultureInfo.InvariantCulture)));

    public static string CdrKey(string tenant, DateOnly day, string callId) =>
        TenantKey.Of(tenant, $"{day:yyyyMMdd}/{StableHash.Shard(callId, CdrsPerDay)}");

    public static IEnumerable<string> AllCdrKeys(string tenant, DateOnly day) =>
        Enumerable.Range(0, CdrsPerDay).Select(i => CdrShardKey(tenant, day, i));

    public static string CdrShardKey(string tenant, DateOnly day, int shard) =>
        TenantKey.Of(tenant, string.Create(CultureInfo.InvariantCulture, $"{day:yyyyMMdd}/{shard}"));

    /// <summary>The tenant, day and shard of a CDR log's key (<see cref="CdrKey"/>).</summary>
    public static (string Tenant, DateOnly Day, int Shard) ParseCdrKey(string key)
    {
        var (tenant, name) = TenantKey.Split(key);
        var slash = name.IndexOf('/');
        return (tenant, DateOnly.ParseExact(name[..slash], "yyyyMMdd", CultureInfo.InvariantCulture),
            int.Parse(name[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <summary>Consecutive unique-id sequence numbers per CDR index bucket: a bucket's state stays this small.</summary>
    public const int CdrIndexBucket = 64;

    /// <summary>The shard of a CDR log (<see cref="CdrKey"/>) a sealed segment belongs to, and its number.</summary>
    public static string CdrSegmentKey(string logKey, long segment) =>
        string.Create(CultureInfo.InvariantCulture, $"{logKey}/{segment}");

    /// <summary>The CDR index bucket of a sequence number on a day.</summary>
    public static string CdrIndexKey(string tenant, DateOnly day, long sequence) =>
        TenantKey.Of(tenant, string.Create(CultureInfo.InvariantCulture, $"{day:yyyyMMdd}/{sequence / CdrIndexBucket}"));
}
