namespace PbxGrains.Abstractions.Ids;

/// <summary>
/// A hash that is the same in every process (string.GetHashCode is randomised per process), for choosing shards.
/// </summary>
public static class StableHash
{
    public static uint Fnv1a(string value)
    {
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    public static int Shard(string value, int shards) => (int)(Fnv1a(value) % (uint)shards);
}
