using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>How a request finds its tenant (configuration section <c>Pbx</c>).</summary>
public sealed class TenancyOptions
{
    public const string SectionName = "Pbx";

    /// <summary>The tenant of a request that names none, by path or by host.</summary>
    public string DefaultTenant { get; set; } = TenantKey.DefaultTenant;

    /// <summary>
    /// When set (e.g. <c>pbx.example.com</c>), a request to <c>{tenant}.pbx.example.com</c> belongs to that tenant.
    /// </summary>
    public string? TenantDomain { get; set; }
}
