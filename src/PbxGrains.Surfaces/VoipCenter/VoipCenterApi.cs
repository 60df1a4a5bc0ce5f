using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// VoipCenter's PBX API (vendor-docs/voipcenter-api-nl.txt): <c>/api/get.php</c>, <c>/api/call.php</c> and
/// <c>/api/update.php</c>, by GET or POST, HMAC-signed, answering in PHP serialize, JSON or XML. The customer number
/// (<c>knummer</c>) selects the tenant.
/// </summary>
public static partial class VoipCenterApi
{
    private static readonly string[] GetSigned = ["m", "id"];
    private static readonly string[] CallSigned = ["sipacc", "telnr"];
    private static readonly string[] UpdateSigned = ["m", "id", "p"];

    public static IEndpointRouteBuilder MapVoipCenter(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTenantSurface(TenantSurfaces.VoipCenter).WithMetadata(VoipCenterServices.Create(endpoints.ServiceProvider)).ExcludeFromDescription();
        string[] verbs = [HttpMethods.Get, HttpMethods.Post];
        api.MapMethods("/get.php", verbs, (Delegate)GetAsync);
        api.MapMethods("/call.php", verbs, (Delegate)CallAsync);
        api.MapMethods("/update.php", verbs, (Delegate)UpdateAsync);
        return endpoints;
    }

    /// <summary>get.php: configuration and call history of menu <c>m</c>; <c>id=0</c> lists (maps keyed <c>id_N</c>).</summary>
    public static Task<IResult> GetAsync(HttpContext context) => HandleAsync(context, GetSigned, GetMenuAsync);

    /// <summary>call.php: click-to-call: <c>sipacc</c> rings first, then <c>telnr</c> is dialled.</summary>
    public static Task<IResult> CallAsync(HttpContext context) => HandleAsync(context, CallSigned, CallNumberAsync);

    /// <summary>update.php: a DID's filters and routes, an indicator, a hot desk.</summary>
    public static Task<IResult> UpdateAsync(HttpContext context) => HandleAsync(context, UpdateSigned, UpdateItemAsync);

    private static async Task<IResult> HandleAsync(HttpContext context, string[] signed, Func<VoipCenterRequest, Task<IResult>> handle)
    {
        var (request, refusal) = await VoipCenterRequest.ReadAsync(context, signed);
        if (request is null)
        {
            return refusal!;
        }

        try
        {
            return await handle(request);
        }
        catch (Exception error) when (error is OrleansException or TimeoutException)
        {
            // The customer's PBX (the call model) did not answer: the document's body error 1.
            request.Services.Logger.LogWarning(error, "VoipCenter request for tenant {Tenant} could not reach the call model", request.Tenant);
            return request.BodyError(VoipCenterErrors.CouldNotConnect);
        }
    }

    /// <summary>
    /// The tenant's number routing, as the call model holds it from the tenant's load on; null when the tenant is gone
    /// (its settings were still cached): the PBX cannot be reached.
    /// </summary>
    private static Task<NumberRouting?> RoutingAsync(VoipCenterRequest request) =>
        request.Services.Pbx.GetNumberRoutingAsync(request.Tenant);
}
