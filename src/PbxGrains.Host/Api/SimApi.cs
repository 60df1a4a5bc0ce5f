using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Model;
using PbxGrains.Host.Api.Models;
using PbxGrains.Host.Api.Security;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Host.Api;

/// <summary>
/// The simulator's own control API under <c>/sim</c>: tenants from scenario documents, what is live in them, and the
/// actions a test performs on phones, channels and agents. The vendor surfaces show the same call model.
/// </summary>
public static partial class SimApi
{
    public static IEndpointRouteBuilder MapSim(this IEndpointRouteBuilder endpoints)
    {
        var tenants = endpoints.MapGroup("/sim/tenants")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        MapTenants(tenants);
        MapClock(endpoints);
        endpoints.MapGet("/sim/context", GetRequestContext).WithTags("Tenants").RequireAuthorization(ControlApiSecurity.CallerPolicy)
            .WithSummary("The tenant this request resolved to (by /t/{tenant}/ prefix, host name or default).");

        // Authorization runs before the existence check: another tenant's key learns nothing, not even whether it exists.
        var tenant = tenants.MapGroup("/{tenant}").RequireAuthorization(ControlApiSecurity.TenantPolicy).AddEndpointFilter<TenantExistsFilter>();
        MapExtensions(tenant.MapGroup("/extensions").WithTags("Extensions"));
        MapQueues(tenant.MapGroup("/queues").WithTags("Queues"));
        MapAgents(tenant.MapGroup("/agents").WithTags("Agents"));
        MapTraffic(tenant.MapGroup("/traffic").WithTags("Traffic"));
        MapFaults(tenant.MapGroup("/faults").WithTags("Faults"));
        MapEvents(tenant);
        MapCalls(tenant);
        MapChannels(tenant);
        return endpoints;
    }

    private static Ok<RequestContextResponse> GetRequestContext(HttpContext context) =>
        TypedResults.Ok(new RequestContextResponse(context.GetTenant(), context.GetTenantSource(), context.Request.PathBase.Value ?? ""));

    /// <summary>Runs a domain action and answers 200 with <paramref name="success"/>, or its refusal as a problem.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> Act<T>(Task<PbxResult> action, Func<Task<T>> success)
    {
        var result = await action;
        return result.IsOk ? TypedResults.Ok(await success()) : SimProblems.From(result);
    }

    private static bool Missing(string? value, string field, out ProblemHttpResult problem)
    {
        problem = SimProblems.BadRequest($"{field} is required");
        return string.IsNullOrWhiteSpace(value);
    }
}
