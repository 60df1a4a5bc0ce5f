using PbxGrains.Surfaces.Faults;

namespace PbxGrains.Tests.Shared;

/// <summary>Waiting for this process's read model of a tenant's faults to hold a rule the test just added.</summary>
public static class FaultRulesReadModel
{
    /// <summary>
    /// Reads the tenant's rules again until rule <paramref name="id"/> is among them: a read already under way when the
    /// model was invalidated may still bring the rules from before it (as a control API's own process would see it at once).
    /// </summary>
    public static async Task HoldsAsync(this TenantFaultRules rules, string tenant, string id, CancellationToken cancellationToken)
    {
        rules.Invalidate(tenant);
        for (var i = 0; i < 100 && !(await rules.GetAsync(tenant)).Any(f => f.Id == id); i++)
        {
            await Task.Delay(20, cancellationToken);
            rules.Invalidate(tenant);
        }
    }
}
