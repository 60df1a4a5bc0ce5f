using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>How a request finds its tenant (configuration section <c>Pbx</c>).</summary>
public sealed class TenancyOptions
{
    public const string SectionName = "Pbx";

    /// <summary>The configuration key of the per-surface defaults, below <see cref="SectionName"/>.</summary>
    public const string SurfacesKey = "Surfaces";

    /// <summary>The tenant of a request that names none, by path, host or credentials, on a surface without a default of its own.</summary>
    public string DefaultTenant { get; set; } = TenantKey.DefaultTenant;

    /// <summary>
    /// When set (e.g. <c>pbx.example.com</c>), a request to <c>{tenant}.pbx.example.com</c> belongs to that tenant.
    /// </summary>
    public string? TenantDomain { get; set; }

    /// <summary>
    /// Per surface (<see cref="Hosting.PbxSurface.Name"/>, any case): the tenant of its requests that name none. Two
    /// documents can each have their PBX (their example numbers clash) and still answer without a prefix.
    /// </summary>
    public Dictionary<string, SurfaceTenancyOptions> Surfaces { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The tenant of a request on <paramref name="surface"/> that names none: the surface's default, else the global one.</summary>
    public string DefaultTenantOf(string surface) =>
        Surfaces.TryGetValue(surface, out var own) && !string.IsNullOrWhiteSpace(own.DefaultTenant) ? own.DefaultTenant : DefaultTenant;
}

/// <summary>One surface's tenancy settings (<c>Pbx:Surfaces:{surface}</c>).</summary>
public sealed class SurfaceTenancyOptions
{
    /// <summary>The surface's default tenant; empty means the global <see cref="TenancyOptions.DefaultTenant"/>.</summary>
    public string? DefaultTenant { get; set; }
}
