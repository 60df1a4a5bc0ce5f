namespace PbxGrains.Surfaces.Tenancy;

/// <summary>Where a request's tenant came from.</summary>
public enum TenantSource
{
    /// <summary>Nothing in the request named a tenant, and its surface has no default of its own: <c>Pbx:DefaultTenant</c>.</summary>
    Default = 0,

    /// <summary>A <c>/t/{tenant}/…</c> path prefix.</summary>
    PathPrefix = 1,

    /// <summary>A <c>{tenant}.{domain}</c> host name.</summary>
    HostName = 2,

    /// <summary>Credentials that name a customer, set by a surface after it authenticated the request.</summary>
    Credentials = 3,

    /// <summary>Nothing in the request named a tenant: the default tenant of the request's surface (<c>Pbx:Surfaces:{surface}:DefaultTenant</c>).</summary>
    SurfaceDefault = 4,
}
