using Microsoft.AspNetCore.Http;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Surfaces.Tenancy;

public static class HttpContextTenantExtensions
{
    /// <summary>The tenant of the request, as resolved by <see cref="TenantResolutionMiddleware"/>.</summary>
    /// <exception cref="InvalidOperationException">The middleware did not run for this request.</exception>
    public static string GetTenant(this HttpContext context) =>
        context.Features.Get<ITenantFeature>()?.Tenant
        // Falling back to a default here could serve one tenant's data to another; a missing middleware is a bug.
        ?? throw new InvalidOperationException("No tenant was resolved for this request: add UsePbxTenancy() to the pipeline.");

    public static TenantSource GetTenantSource(this HttpContext context) =>
        context.Features.Get<ITenantFeature>()?.Source ?? TenantSource.Default;

    /// <summary>Lets a surface that identifies the tenant from credentials (e.g. a customer number) override it.</summary>
    public static void SetTenant(this HttpContext context, string tenant, TenantSource source)
    {
        if (!TenantKey.IsValidTenantId(tenant))
        {
            throw new ArgumentException($"'{tenant}' is not a valid tenant id.", nameof(tenant));
        }

        context.Features.Set<ITenantFeature>(new TenantFeature(tenant, source));
    }
}
