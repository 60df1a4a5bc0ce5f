using Microsoft.AspNetCore.Http;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// Every resource needs a valid access token of this tenant: without one (or with another tenant's) the answer is
/// 403 with no body; with an expired one it is 200 <c>{"status":"expired"}</c>, as the real server answers.
/// </summary>
public sealed class IssabelTokenFilter(IssabelReadModel readModel, IssabelTokens tokens) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var tenant = invocation.HttpContext.GetTenant();
        var settings = await readModel.GetAsync(tenant);
        if (!settings.TenantExists || Bearer(invocation.HttpContext) is not { } access)
        {
            return IssabelAnswer.Forbidden();
        }

        var (check, _) = await tokens.CheckAccessAsync(access, tenant, settings.SigningKey);
        return check switch
        {
            TokenCheck.Valid => await next(invocation),
            TokenCheck.Expired => IssabelAnswer.Expired(),
            _ => IssabelAnswer.Forbidden(),
        };
    }

    /// <summary>The token of a <c>Bearer</c> Authorization header (any case), or null without one.</summary>
    public static string? Bearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }
}
