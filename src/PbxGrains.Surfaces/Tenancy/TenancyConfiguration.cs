using Microsoft.Extensions.Configuration;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>
/// The checks of the tenancy settings, read from the configuration itself rather than from the bound options: the
/// binder drops what it cannot place, and a misspelt surface or key must stop the start instead of being ignored
/// (a surface left on the wrong tenant answers another PBX's data without a word).
/// </summary>
public static class TenancyConfiguration
{
    private const string DefaultTenantKey = nameof(TenancyOptions.DefaultTenant);

    /// <summary>Every problem of the <c>Pbx</c> tenancy settings, each naming its key; empty when there is none.</summary>
    /// <param name="surfaces">The names of the surfaces the host serves (<see cref="Hosting.SurfaceRegistration.PbxSurfaceNames"/>).</param>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IReadOnlyCollection<string> surfaces)
    {
        var problems = new List<string>();
        var section = configuration.GetSection(TenancyOptions.SectionName);
        var global = section[DefaultTenantKey];
        if (global is not null && !TenantKey.IsValidTenantId(global))
        {
            problems.Add($"{TenancyOptions.SectionName}:{DefaultTenantKey} must be a tenant id (up to 63 letters, digits, '-' and '_', starting with a letter or digit); it is '{global}'.");
        }

        foreach (var surface in section.GetSection(TenancyOptions.SurfacesKey).GetChildren())
        {
            var prefix = $"{TenancyOptions.SectionName}:{TenancyOptions.SurfacesKey}:{surface.Key}";
            if (!surfaces.Contains(surface.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{prefix} names no surface; the surfaces are {string.Join(", ", surfaces)}.");
                continue;
            }

            if (surface.Value is { Length: > 0 } plain)
            {
                problems.Add($"{prefix} is a section, not a value ('{plain}'): set {prefix}:{DefaultTenantKey}.");
            }

            foreach (var key in surface.GetChildren())
            {
                if (!string.Equals(key.Key, DefaultTenantKey, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{prefix}:{key.Key} is not a setting; a surface has only {DefaultTenantKey}.");
                }
                else if (key.Value is { Length: > 0 } tenant && !TenantKey.IsValidTenantId(tenant))
                {
                    problems.Add($"{prefix}:{DefaultTenantKey} must be a tenant id (up to 63 letters, digits, '-' and '_', starting with a letter or digit); it is '{tenant}'.");
                }
            }
        }

        return problems;
    }
}
