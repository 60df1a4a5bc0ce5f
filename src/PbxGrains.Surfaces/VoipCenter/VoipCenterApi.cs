using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;
using PbxGrains.Surfaces.Hosting;

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

    /// <summary>The surface: its name, the settings a scenario gives it, and its endpoints.</summary>
    public static readonly PbxSurface Surface = new(VoipCenterSettings.SurfaceName, VoipCenterSettings.Schema, endpoints => endpoints.MapVoipCenter())
    {
        Refuse = VoipCenterAnswer.Refusal,
        Fail = VoipCenterAnswer.Fault,
        Paths = ["/api"],
    };

    /// <summary>
    /// The surface and what its scripts need besides <see cref="PbxClient"/> and the tenancy middleware: its host
    /// settings (<c>Pbx:VoipCenter</c>), its clock (<see cref="VoipCenterServices.ClockKey"/>: real time unless a test
    /// registers its own), the customer read model, the rate limiter and the failed-attempt counter.
    /// </summary>
    public static IServiceCollection AddVoipCenter(this IServiceCollection services)
    {
        services.AddPbxSurface(Surface);
        services.AddOptions<VoipCenterOptions>().BindConfiguration(VoipCenterOptions.SectionName).PostConfigure(o => o.Clamp());
        services.TryAddKeyedSingleton(VoipCenterServices.ClockKey, TimeProvider.System);
        services.TryAddSingleton<VoipCenterReadModel>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<VoipCenterOptions>>().Value;
            return new ApiUserRateLimiter(
                options.RateLimitRequests, TimeSpan.FromSeconds(options.RateLimitWindowSeconds), sp.GetRequiredKeyedService<TimeProvider>(VoipCenterServices.ClockKey));
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<VoipCenterOptions>>().Value;
            return new FailedAttemptLimiter(
                options.FailedAttemptsPerAddress, TimeSpan.FromSeconds(options.FailedAttemptsWindowSeconds), options.MaxTrackedAddresses,
                sp.GetRequiredKeyedService<TimeProvider>(VoipCenterServices.ClockKey));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapVoipCenter(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithSurface(Surface).ExcludeFromDescription();
        string[] verbs = [HttpMethods.Get, HttpMethods.Post];
        api.MapMethods("/get.php", verbs, GetAsync);
        api.MapMethods("/call.php", verbs, CallAsync);
        api.MapMethods("/update.php", verbs, UpdateAsync);
        return endpoints;
    }

    /// <summary>get.php: configuration and call history of menu <c>m</c>; <c>id=0</c> lists (maps keyed <c>id_N</c>).</summary>
    public static Task<VoipCenterAnswer> GetAsync(HttpContext context, [AsParameters] VoipCenterServices services) =>
        HandleAsync(context, services, GetSigned, GetMenuAsync);

    /// <summary>call.php: click-to-call: <c>sipacc</c> rings first, then <c>telnr</c> is dialled.</summary>
    public static Task<VoipCenterAnswer> CallAsync(HttpContext context, [AsParameters] VoipCenterServices services) =>
        HandleAsync(context, services, CallSigned, CallNumberAsync);

    /// <summary>update.php: a DID's filters and routes, an indicator, a hot desk.</summary>
    public static Task<VoipCenterAnswer> UpdateAsync(HttpContext context, [AsParameters] VoipCenterServices services) =>
        HandleAsync(context, services, UpdateSigned, UpdateItemAsync);

    private static async Task<VoipCenterAnswer> HandleAsync(
        HttpContext context, VoipCenterServices services, string[] signed, Func<VoipCenterRequest, Task<VoipCenterAnswer>> handle)
    {
        var (request, refusal) = await VoipCenterRequest.ReadAsync(context, services, signed);
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
            services.Logger.LogWarning(error, "VoipCenter request for tenant {Tenant} could not reach the call model", request.Tenant);
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
