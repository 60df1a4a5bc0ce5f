using System.Globalization;
using PbxGrains.Abstractions.Ids;
using StableHash = PbxGrains.Abstractions.Ids.StableHash;

namespace PbxGrains.Abstractions.Events;

/// <summary>
/// A tenant's event feed is split over a few hubs, so no single grain carries a busy tenant's events; a call always
/// publishes to the same hub (its events stay in order) and a subscriber listens to all of them.
/// </summary>
public static class CallEventShards
{
    public const int Count = 4;

    public static string KeyOf(string tenant, string callId) =>
        TenantKey.Of(tenant, StableHash.Shard(callId, Count).ToString(CultureInfo.InvariantCulture));

    public static IEnumerable<string> AllKeys(string tenant) =>
        Enumerable.Range(0, Count).Select(i => TenantKey.Of(tenant, i.ToString(CultureInfo.InvariantCulture)));
}
