using Orleans.Runtime;

namespace PbxGrains.Tests.Cluster.Infrastructure;

/// <summary>
/// Moves a live activation to the other silo, as a silo that stops gracefully moves it (Orleans' live migration, here
/// asked for by hand with a placement hint: a hash-placed call, for one, would otherwise be placed where it is).
/// </summary>
public static class Migration
{
    /// <summary>The silos the grain was on and is on now.</summary>
    public static async Task<(SiloAddress From, SiloAddress To)> MoveAsync(ClusterFixture fixture, IAddressable grain)
    {
        var management = fixture.Cluster.Client.GetGrain<IManagementGrain>(0);
        var from = await management.GetActivationAddress(grain) ?? throw new InvalidOperationException($"{grain.GetGrainId()} is not active");
        var target = fixture.Cluster.Silos.Select(s => s.SiloAddress).First(s => !s.Equals(from));
        await fixture.Cluster.MigrateAsync(grain.GetGrainId(), target);
        var to = await management.GetActivationAddress(grain) ?? throw new InvalidOperationException($"{grain.GetGrainId()} is not active after the move");
        return (from, to);
    }
}
