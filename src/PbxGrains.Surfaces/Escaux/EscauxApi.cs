using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxGrains.Client;
using PbxGrains.Surfaces.Escaux.Events;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>
/// Escaux Fusion SOP's XML/JSON API (vendor-docs/escaux-fusion-sop-api.txt) under <c>/xml/</c>: DB access (<c>db*</c>),
/// call control (<c>cc*</c>, <c>fusionQueues*</c>) and PUM (<c>pum*</c>). <c>name.php</c> answers XML, <c>name.json</c>
/// JSON, and the names the document writes without an extension answer XML. The document has no authentication (the
/// API is reached from the customer's network); the tenant comes from the path prefix or host name. <c>ccPing</c> and the
/// event socket are the events part's (Escaux/Events).
/// </summary>
public static partial class EscauxApi
{
    /// <summary>
    /// The surface: its name, the settings a scenario gives it (the event socket's password, <see cref="EventSocketAccess"/>),
    /// its endpoints, and how it refuses what the server refuses on its paths.
    /// </summary>
    public static readonly PbxSurface Surface = new(
        "escaux", new SurfaceSettingsSchema(SurfaceSetting.Text(EventSocketAccess.PasswordKey).Secret()), endpoints => endpoints.MapEscaux())
    {
        Refuse = EscauxAnswer.Refusal,
        Fail = EscauxAnswer.Fault,
        Paths = ["/xml"],
    };

    /// <summary>The surface, with its event socket (<see cref="EscauxEventsApi.AddEscauxEvents"/>).</summary>
    public static IServiceCollection AddEscaux(this IServiceCollection services)
    {
        services.AddPbxSurface(Surface);
        return services.AddEscauxEvents();
    }

    public static IEndpointRouteBuilder MapEscaux(this IEndpointRouteBuilder endpoints)
    {
        var xml = endpoints.MapGroup("/xml").WithSurface(Surface).ExcludeFromDescription();

        // DB access.
        Map(xml, "dbGetDirectoryInfo", Forms.Both, GetDirectoryInfoAsync);
        Map(xml, "dbGetCallflow", Forms.Both, GetCallflowAsync);
        Map(xml, "dbGetNextStatus", Forms.Both, GetNextStatusAsync);
        Map(xml, "dbSetProfile", Forms.Both, SetProfileAsync, failure: SetProfileFailure);
        Map(xml, "dbGetProfileParameters", Forms.Both, GetProfileParametersAsync);
        Map(xml, "dbSetProfileParameters", Forms.Both, SetProfileParametersAsync, failure: SetProfileParametersFailure);
        Map(xml, "dbGetPhoneState", Forms.Both, GetPhoneStateAsync);
        Map(xml, "dbCheckPincode", Forms.Both, CheckPincodeAsync);
        Map(xml, "dbGetCallHistory", Forms.Both, GetCallHistoryAsync);
        Map(xml, "dbGetParkedChannels", Forms.Php, GetParkedChannelsAsync);   // "not supported with JSON"
        Map(xml, "dbGetQueueInfo", Forms.Both, GetQueueInfoAsync);
        Map(xml, "dbAuthenticate", Forms.Php, AuthenticateAsync);            // "JSON cannot be used here"
        Map(xml, "dbGetRegistration", Forms.Both, GetRegistrationAsync);

        // Call control.
        Map(xml, "ccOriginate", Forms.Both, OriginateAsync, failure: ResultFailure("ccOriginateResult"));
        Map(xml, "ccHangup", Forms.Both, HangupAsync, failure: ResultFailure("ccHangupResult"));
        Map(xml, "ccRedirect", Forms.Both, RedirectAsync, failure: ResultFailure("ccRedirectResult"));
        Map(xml, "ccHold", Forms.Both, HoldAsync, failure: ResultFailure("ccHoldResult"));
        Map(xml, "ccPark", Forms.Both, ParkAsync, failure: ResultFailure("ccParkResult"));
        Map(xml, "ccJoinPark", Forms.Both, JoinParkAsync, failure: ResultFailure("ccJoinParkResult"));
        Map(xml, "ccGetChannels", Forms.Both | Forms.Bare, GetChannelsAsync);
        Map(xml, "ccGetQueueMembers", Forms.Both, GetQueueMembersAsync);
        Map(xml, "ccQueueAdd", Forms.Both, QueueAddAsync, failure: ResultFailure("ccQueueAdd"));
        Map(xml, "fusionQueuesSet", Forms.Json, QueuesSetAsync, failure: ResultFailure("fusionQueuesSet"));
        Map(xml, "ccQueueRemove", Forms.Both, QueueRemoveAsync, failure: ResultFailure("ccQueueRemove"));
        Map(xml, "fusionQueuesRemove", Forms.Json, QueuesRemoveAsync, failure: ResultFailure("fusionQueuesRemove"));
        Map(xml, "ccGetQueueStatus", Forms.Both, GetQueueStatusAsync);
        Map(xml, "ccQueuePause", Forms.Both, QueuePauseAsync, failure: ResultFailure("ccQueuePauseResult"));
        Map(xml, "ccQueuePauseAll", Forms.Both, QueuePauseAllAsync, failure: PauseAllFailure);
        Map(xml, "ccRecord", Forms.Both | Forms.Bare, RecordAsync, failure: ResultFailure("ccRecord"));
        Map(xml, "ccSetVar", Forms.Both | Forms.Bare, SetVarAsync, failure: ResultFailure("ccSetVar"));
        Map(xml, "ccGetVar", Forms.Both | Forms.Bare, GetVarAsync, failure: ResultFailure("ccGetVar"));

        // PUM.
        Map(xml, "pumLogin", Forms.Both | Forms.Bare, PumLoginAsync, failure: r => PumError("pumLoginResult", "Service unavailable"));
        Map(xml, "pumLogout", Forms.Both | Forms.Bare, PumLogoutAsync, failure: r => PumError("pumLogoutResult", "Service unavailable"));

        // The events part: ccPing, which checks the event socket.
        xml.MapEscauxEvents();
        return endpoints;
    }

    [Flags]
    private enum Forms
    {
        Php = 1,
        Json = 2,
        Both = Php | Json,

        /// <summary>The name without an extension (XML), as the document writes ccGetChannels, ccRecord, ccSetvar, …</summary>
        Bare = 4,
    }

    private static void Map(
        RouteGroupBuilder xml, string name, Forms forms, Func<EscauxRequest, Task<EscauxAnswer>> handle, Func<EscauxRequest, EscauxAnswer>? failure = null)
    {
        string[] verbs = [HttpMethods.Get, HttpMethods.Post];
        if (forms.HasFlag(Forms.Php))
        {
            xml.MapMethods($"/{name}.php", verbs, (HttpContext context, [AsParameters] EscauxServices services) =>
                HandleAsync(context, services, EscauxFormat.Xml, handle, failure));
        }

        if (forms.HasFlag(Forms.Json))
        {
            xml.MapMethods($"/{name}.json", verbs, (HttpContext context, [AsParameters] EscauxServices services) =>
                HandleAsync(context, services, EscauxFormat.Json, handle, failure));
        }

        if (forms.HasFlag(Forms.Bare))
        {
            // Routes ignore case, so /xml/ccSetvar (the document's spelling) reaches ccSetVar.
            xml.MapMethods($"/{name}", verbs, (HttpContext context, [AsParameters] EscauxServices services) =>
                HandleAsync(context, services, EscauxFormat.Xml, handle, failure));
        }
    }

    private static async Task<Results<ContentHttpResult, StatusCodeHttpResult>> HandleAsync(
        HttpContext context, EscauxServices services, EscauxFormat format, Func<EscauxRequest, Task<EscauxAnswer>> handle, Func<EscauxRequest, EscauxAnswer>? failure)
    {
        var request = await EscauxRequest.ReadAsync(context, format, services.Pbx);
        try
        {
            return (await handle(request)).In(format);
        }
        catch (Exception error) when (error is OrleansException or TimeoutException)
        {
            // The call model did not answer: an action reports its failure code; a listing has nothing true to show.
            services.Logger.LogWarning(error, "Escaux request {Path} for tenant {Tenant} could not reach the call model", context.Request.Path, request.Tenant);
            return failure is null ? TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable) : failure(request).In(format);
        }
    }

    private static Func<EscauxRequest, EscauxAnswer> ResultFailure(string root) => _ => EscauxAnswer.Result(root, 1);
}

/// <summary>What the handlers share, bound from the container for each request (<c>[AsParameters]</c>).</summary>
/// <param name="Pbx">The call model.</param>
/// <param name="Logger">What the API logs (its category is this type's).</param>
public sealed record class EscauxServices(PbxClient Pbx, ILogger<EscauxServices> Logger);
