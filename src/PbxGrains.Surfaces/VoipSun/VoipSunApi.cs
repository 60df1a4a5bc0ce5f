using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using PbxGrains.Client;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Requests;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.VoipSun;

/// <summary>
/// VoIPSUN PBX's HTTP API (vendor-docs/voipsun-api-cs.txt): one script, <c>/api/api.php?action=…</c>, by GET or POST,
/// authenticated by <c>username</c> and <c>password</c> of an HTTP API user of the tenant, answering PHP's JSON.
/// Checks run in the order the script can make them: the user (100), the action (110), the user's permission for it
/// (100), then the action's own parameters (120 and its own codes).
/// </summary>
public static partial class VoipSunApi
{
    private static readonly Dictionary<string, (VoipSunPermission Permission, Func<VoipSunRequest, Task<VoipSunAnswer>> Handle)> Actions =
        new(StringComparer.Ordinal)
        {
            ["originate"] = (VoipSunPermission.Originate, OriginateAsync),
            ["dial"] = (VoipSunPermission.Originate, DialAsync),
            ["hangupcall"] = (VoipSunPermission.Hangup, HangupCallAsync),
            ["listcalls"] = (VoipSunPermission.CallList, ListCallsAsync),
            ["spying"] = (VoipSunPermission.Spying, SpyingAsync),
            ["sipstatus"] = (VoipSunPermission.SipStatus, SipStatusAsync),
            ["agentlogin"] = (VoipSunPermission.CallCentre, AgentLoginAsync),
            ["agentlogout"] = (VoipSunPermission.CallCentre, AgentLogoutAsync),
            ["agentpause"] = (VoipSunPermission.CallCentre, r => AgentPauseAsync(r, true, 580)),
            ["agentunpause"] = (VoipSunPermission.CallCentre, r => AgentPauseAsync(r, false, 590)),
            ["agentadd"] = (VoipSunPermission.CallCentre, AgentAddAsync),
            ["agentremove"] = (VoipSunPermission.CallCentre, AgentRemoveAsync),
            ["agentstatus"] = (VoipSunPermission.CallCentre, AgentStatusAsync),
            ["queuestatus"] = (VoipSunPermission.CallCentre, QueueStatusAsync),
            ["moverecord"] = (VoipSunPermission.Recordings, MoveRecordAsync),
        };

    /// <summary>The surface: its name, the settings a scenario gives it, and its endpoint.</summary>
    public static readonly PbxSurface Surface = new(VoipSunSettings.SurfaceName, VoipSunSettings.Schema, endpoints => endpoints.MapVoipSun())
    {
        Refuse = VoipSunAnswer.Refusal,
        Fail = VoipSunAnswer.Fault,
        Paths = ["/api/api.php"],

        // Every action is the one script: a fault names the action (originate, hangup…) and the API user.
        Operation = async context => (await PhpParameters.ReadAsync(context.Request)).Get("action") ?? "",
        User = async context => (await PhpParameters.ReadAsync(context.Request)).Get("username"),
    };

    /// <summary>The surface and what api.php needs besides <see cref="PbxClient"/> and the tenancy middleware.</summary>
    public static IServiceCollection AddVoipSun(this IServiceCollection services)
    {
        services.AddPbxSurface(Surface);
        services.TryAddSingleton<VoipSunReadModel>();
        return services;
    }

    public static IEndpointRouteBuilder MapVoipSun(this IEndpointRouteBuilder endpoints)
    {
        // GET and POST only: every action may change the PBX, so a HEAD (a crawler's probe) must not place a call.
        endpoints.MapMethods("/api/api.php", [HttpMethods.Get, HttpMethods.Post], HandleAsync)
            .WithSurface(Surface)
            .ExcludeFromDescription();
        return endpoints;
    }

    public static async Task<Results<VoipSunAnswer, StatusCodeHttpResult>> HandleAsync(HttpContext context, [AsParameters] VoipSunServices services)
    {
        var tenant = context.GetTenant();
        var parameters = await PhpParameters.ReadAsync(context.Request);
        try
        {
            var directory = await services.Directory.GetAsync(tenant);
            var name = parameters.Get("username") ?? "";
            if (!directory.Settings.Users.TryGetValue(name, out var user) || !user.CheckPassword(parameters.Get("password") ?? ""))
            {
                return VoipSunAnswer.Error(100, VoipSunErrors.Unauthorized);
            }

            if (!Actions.TryGetValue(parameters.Get("action") ?? "", out var action))
            {
                return VoipSunAnswer.Error(110, VoipSunErrors.UnknownAction);
            }

            if ((user.Permissions & action.Permission) == 0)
            {
                return VoipSunAnswer.Error(100, VoipSunErrors.Unauthorized);
            }

            return await action.Handle(new VoipSunRequest(services, tenant, directory, user, parameters));
        }
        catch (Exception error) when (error is OrleansException or TimeoutException)
        {
            // The call model did not answer: the PBX's Asterisk is down. The product's script dies with an empty page.
            services.Logger.LogWarning(error, "VoIPSUN request for tenant {Tenant} could not reach the call model", tenant);
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static VoipSunAnswer Missing() => VoipSunAnswer.Error(120, VoipSunErrors.MissingParameters);
}
