using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Host.Api;

/// <summary>Every endpoint under <c>/sim/tenants/{tenant}/</c> answers 404 for a tenant that does not exist.</summary>
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
        return await pbx.Tenant(tenant!).GetAsync() is null ? SimProblems.TenantNotFound(tenant) : await next(context);
    }
}
