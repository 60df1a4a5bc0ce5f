using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Host.Scenarios;

/// <summary>
/// A value that selects a tenant (VoipCenter's <c>knummer</c>: <see cref="SurfaceSetting.SelectsTenant"/>) belongs to
/// one tenant only: a definition that claims one another tenant holds is refused before it loads, whoever loads it
/// (<c>POST</c>/<c>PUT /sim/tenants</c>, the start-up scenarios). The message names the setting, not the other tenant.
/// The check reads the other tenants' settings, so two loads that race for the same value in the same instant can both
/// pass; the surfaces then choose one of the two by id order, the same in every process (<c>TenantCredentialDirectory</c>).
/// </summary>
public sealed class TenantSelectorCheck(PbxClient pbx, SurfaceSettingsSchemas schemas)
{
    /// <summary>What <paramref name="definition"/> claims that another tenant holds, one message per value; empty when nothing.</summary>
    public async Task<IReadOnlyList<string>> ConflictsAsync(TenantDefinition definition)
    {
        var claimed = schemas.TenantSelectors(definition.Settings).ToList();
        if (claimed.Count == 0)
        {
            return [];
        }

        var others = (await pbx.Grains.GetGrain<ITenantDirectoryGrain>(0).ListAsync()).Where(t => t != definition.Id);
        var held = await Task.WhenAll(others.Select(async t => schemas.TenantSelectors(await pbx.Tenant(t).GetSettingsAsync()).ToList()));
        var taken = held.SelectMany(h => h).ToHashSet();
        return [.. claimed.Where(taken.Contains).Select(c => $"{c.Path}: '{c.Value}' belongs to another tenant")];
    }
}
