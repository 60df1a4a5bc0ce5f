using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PbxGrains.Surfaces.Hosting;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>
/// The fourth step of a request's tenancy, after the path prefix, the host name (both in
/// <see cref="TenantResolutionMiddleware"/>) and before credentials that name a tenant (which a surface applies when it
/// has checked them): a request that named no tenant belongs to its surface's default tenant
/// (<c>Pbx:Surfaces:{surface}:DefaultTenant</c>), else keeps the global default. It runs after routing, because the
/// surface is the chosen endpoint's, declared where the surface maps its paths.
/// </summary>
public sealed class SurfaceDefaultTenantMiddleware(RequestDelegate next, IOptionsMonitor<TenancyOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<ITenantFeature>() is { Source: TenantSource.Default }
            && context.SurfaceOf() is { } surface)
        {
            var current = options.CurrentValue;
            var tenant = current.DefaultTenantOf(surface);
            if (!string.Equals(tenant, current.DefaultTenant, StringComparison.Ordinal))
            {
                context.Features.Set<ITenantFeature>(new TenantFeature(tenant, TenantSource.SurfaceDefault));
            }
        }

        return next(context);
    }
}
