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
        Enumerable.Range(0, CdrsPerDay).Select(i => TenantKey.Of(tenant, $"{day:yyyyMMdd}/{i}"));
}
