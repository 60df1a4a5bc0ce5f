using Microsoft.Extensions.DependencyInjection;

namespace PbxGrains.Grains.Hosting;

/// <summary>
/// Whether a grain of a stopping silo has anywhere to move to. Orleans, asked to migrate with no other active silo,
/// logs a placement error with its stack trace for every grain that asked (thousands on a loaded last silo, burying the
/// one line that matters); a grain asks only when this says another silo is up, and otherwise ends as it would have.
/// </summary>
public static class MigrationTargets
{
    /// <summary>Whether the membership this silo knows lists another active silo (true where there is no membership to ask).</summary>
    public static bool AnotherSiloIsActive(this IServiceProvider services)
    {
        if (services.GetService<IClusterMembershipService>() is not { } membership
            || services.GetService<ILocalSiloDetails>() is not { } self)
        {
            return true;
        }

        return membership.CurrentSnapshot.Members.Values
            .Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(self.SiloAddress));
    }
}
