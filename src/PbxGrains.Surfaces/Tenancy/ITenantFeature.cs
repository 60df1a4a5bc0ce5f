namespace PbxGrains.Surfaces.Tenancy;

/// <summary>The tenant a request belongs to, as a request feature.</summary>
public interface ITenantFeature
{
    string Tenant { get; }

    TenantSource Source { get; }
}

internal sealed record class TenantFeature(string Tenant, TenantSource Source) : ITenantFeature;
