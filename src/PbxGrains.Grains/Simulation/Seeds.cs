namespace PbxGrains.Grains.Simulation;

/// <summary>
/// Seeds derived from a tenant's seed, so that every random source of a scenario (queues, traffic generators, the
/// calls they place) is fixed by the one seed, and two tenants loaded from the same scenario draw alike.
/// </summary>
public static class Seeds
{
    public static int Derive(int seed, string purpose) =>
        unchecked((int)(Abstractions.Ids.StableHash.Fnv1a(purpose) ^ ((uint)seed * 2654435761u)) | 1);
}
