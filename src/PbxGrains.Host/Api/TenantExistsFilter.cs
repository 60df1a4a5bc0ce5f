using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Host.Api;

/// <summary>
/// Every endpoint under <c>/sim/tenants/{tenant}/</c> answers 404 for a tenant that does not exist. It runs on every
/// request, so it asks the tenant only whether it exists, never for its catalogue.
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

        var pbx = context.HttpContext.RequestServices.GetRequiredService<PbxClient>();
        return await pbx.Tenant(tenant!).ExistsAsync() ? await next(context) : SimProblems.TenantNotFound(tenant);
    }
}
