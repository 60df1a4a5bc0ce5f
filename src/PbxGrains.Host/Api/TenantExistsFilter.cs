using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Host.Api;

/// <summary>
/// Every endpoint under <c>/sim/tenants/{tenant}/</c> answers 404 for a tenant that does not exist (as this process
/// knows it: <see cref="KnownTenants"/>).
/// </summary>
public sealed class TenantExistsFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tenant = context.HttpContext.GetRouteValue("tenant") as string;
        if (!TenantKey.IsValidTenantId(tenant))
        {
            return SimProblems.TenantNotFound(tenant);
        }

        var known = context.HttpContext.RequestServices.GetRequiredService<KnownTenants>();
        return await known.ExistsAsync(tenant!) ? await next(context) : SimProblems.TenantNotFound(tenant);
    }
}
