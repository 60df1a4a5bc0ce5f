using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// Issabel PBX's REST API (<c>/pbxapi</c>, vendor-docs/issabel-pbxapi-readme.txt): JWT authentication, extensions and
/// ring groups as the document describes them, and the real server's queues and manager resources beside them.
/// </summary>
public static partial class IssabelApi
{
    public static IEndpointRouteBuilder MapIssabel(this IEndpointRouteBuilder endpoints)
    {
        var pbxapi = endpoints.MapGroup("/pbxapi").WithTenantSurface(TenantSurfaces.Issabel).WithMetadata(IssabelServices.Create(endpoints.ServiceProvider)).ExcludeFromDescription();

        pbxapi.MapPost("/authenticate", (Delegate)AuthenticateAsync);
        // The real server renews on GET /pbxapi/authenticate/<anything>; "renewtoken" is the documented spelling.
        // GET /pbxapi/authenticate alone answers the session's status.
        pbxapi.MapGet("/authenticate/{*rest}", (Delegate)RenewAsync);
        pbxapi.MapMethods("/authenticate/{*rest}", [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], MethodNotAllowed);

        var resources = pbxapi.MapGroup("").AddEndpointFilter(RequireTokenAsync);
        ExtensionResource().Map(resources.MapGroup("/extensions"));
        RingGroupResource().Map(resources.MapGroup("/ringgroups"));
        QueueResource().Map(resources.MapGroup("/queues"));
        foreach (var resource in (IssabelResource[])[ParkingLotResource(), InboundRouteResource(), TimeGroupResource(), TimeConditionResource(), TrunkResource(), OutboundRouteResource()])
        {
            resource.Map(resources.MapGroup("/" + resource.Name));
        }

        MapManager(resources.MapGroup("/manager"));
        resources.Map("/{**rest}", NotFound);
        return endpoints;
    }

    /// <summary>POST /pbxapi/authenticate: <c>user</c> or <c>username</c> with <c>password</c>, as form, multipart or JSON.</summary>
    public static async Task<IResult> AuthenticateAsync(HttpContext context)
    {
        var (services, tenant, settings) = await IssabelServices.ForAsync(context);
        var (fields, _) = await IssabelFields.ReadAsync(context.Request);
        var user = fields?.Text("user") ?? fields?.Text("username");
        var password = fields?.Text("password");
        if (!settings.TenantExists || user is null || password is null || !settings.CheckPassword(user, password))
        {
            return IssabelResults.Forbidden();
        }

        return IssabelResults.Json(new JsonObject
        {
            ["access_token"] = services.Tokens.CreateAccess(tenant, settings.SigningKey, user, settings.AccessLifetimeSeconds),
            ["expires_in"] = settings.AccessLifetimeSeconds,
            ["refresh_token"] = services.Tokens.CreateRefresh(tenant, settings.SigningKey, IssabelSettings.LoginRefreshLifetimeSeconds),
            ["token_type"] = "Bearer",
        });
    }

    /// <summary>GET /pbxapi/authenticate/renewtoken?refresh_token=…[&amp;access_token=…]: a new pair of tokens.</summary>
    public static async Task<IResult> RenewAsync(HttpContext context, string? rest)
    {
        if (string.IsNullOrEmpty(rest))
        {
            return await SessionStatusAsync(context);
        }

        var (services, tenant, settings) = await IssabelServices.ForAsync(context);
        var refresh = context.Request.Query["refresh_token"].ToString();
        if (!settings.TenantExists || refresh.Length == 0)
        {
            return IssabelResults.Forbidden();
        }

        switch (await services.Tokens.CheckRefreshAsync(refresh, tenant, settings.SigningKey))
        {
            case TokenCheck.Invalid:
                return IssabelResults.Forbidden();
            case TokenCheck.Expired:
                return IssabelResults.Json(new JsonObject { ["status"] = "expired", ["type"] = "refresh" });
        }

        // A refresh token names nobody (data: []); the user comes from the access token sent beside it, expired or not.
        var user = settings.Users.Keys.Order(StringComparer.Ordinal).FirstOrDefault() ?? "admin";
        if (context.Request.Query["access_token"].ToString() is { Length: > 0 } access)
        {
            var (check, name) = await services.Tokens.CheckAccessAsync(access, tenant, settings.SigningKey, ignoreLifetime: true);
            if (check == TokenCheck.Valid)
            {
                user = name;
            }
        }

        return IssabelResults.Json(new JsonObject
        {
            ["access_token"] = services.Tokens.CreateAccess(tenant, settings.SigningKey, user, settings.AccessLifetimeSeconds),
            ["expires_in"] = settings.AccessLifetimeSeconds,
            ["refresh_token"] = services.Tokens.CreateRefresh(tenant, settings.SigningKey, IssabelSettings.RenewRefreshLifetimeSeconds),
            ["token_type"] = "Bearer",
            ["status"] = "authorized",
        });
    }

    /// <summary>
    /// GET /pbxapi/authenticate: the real server (<c>jwtauth.php</c>) answers the tokens of the web session, always 200:
    /// <c>{"access_token":…,"refresh_token":…,"token_type":"Bearer","status":"authorized"}</c> or
    /// <c>{"status":"unauthorized"}</c>. There is no web session here, so the bearer token stands for it: a valid one is
    /// answered with itself and a refresh token for it; none, an expired or a foreign one is "unauthorized".
    /// </summary>
    private static async Task<IResult> SessionStatusAsync(HttpContext context)
    {
        var (services, tenant, settings) = await IssabelServices.ForAsync(context);
        var header = context.Request.Headers.Authorization.ToString();
        if (settings.TenantExists && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var access = header["Bearer ".Length..].Trim();
            var (check, _) = await services.Tokens.CheckAccessAsync(access, tenant, settings.SigningKey);
            if (check == TokenCheck.Valid)
            {
                return IssabelResults.Json(new JsonObject
                {
                    ["access_token"] = access,
                    ["refresh_token"] = services.Tokens.CreateRefresh(tenant, settings.SigningKey, IssabelSettings.LoginRefreshLifetimeSeconds),
                    ["token_type"] = "Bearer",
                    ["status"] = "authorized",
                });
            }
        }

        return IssabelResults.Json(new JsonObject { ["status"] = "unauthorized" });
    }

    /// <summary>
    /// Every resource needs a valid access token of this tenant: without one (or with another tenant's) the answer is
    /// 403 with no body; with an expired one it is 200 <c>{"status":"expired"}</c>, as the real server answers.
    /// </summary>
    private static async ValueTask<object?> RequireTokenAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var (services, tenant, settings) = await IssabelServices.ForAsync(invocation.HttpContext);
        var header = invocation.HttpContext.Request.Headers.Authorization.ToString();
        if (!settings.TenantExists || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return IssabelResults.Forbidden();
        }

        var (check, _) = await services.Tokens.CheckAccessAsync(header["Bearer ".Length..].Trim(), tenant, settings.SigningKey);
        return check switch
        {
            TokenCheck.Valid => await next(invocation),
            TokenCheck.Expired => IssabelResults.Expired(),
            _ => IssabelResults.Forbidden(),
        };
    }

    public static IResult NotFound() => IssabelResults.NotFound();

    public static IResult MethodNotAllowed() => IssabelResults.MethodNotAllowed();

    /// <summary>
    /// POST takes no id in the path (the real server's words). The number to create goes in the body
    /// (<see cref="RequestedNumber"/>).
    /// </summary>
    public static IResult PostWithId() =>
        IssabelResults.Error(StatusCodes.Status400BadRequest, "We refuse to insert a record if a resource id is passed. For update use the PUT method instead.");

    /// <summary>
    /// The number a POST body names in <c>extension</c>: the real server creates that one, and picks the next free
    /// number only when the body names none (null). A number that cannot be dialled is a problem.
    /// </summary>
    private static string? RequestedNumber(IssabelFields fields)
    {
        var number = fields.Text("extension", 20);
        if (number is not null && !IssabelFields.IsDialable(number))
        {
            fields.Problem("extension: must be 1 to 20 digits, '*' or '#'");
            return null;
        }

        return number;
    }

    private static PbxResult<string> Numbered(PbxResult result, string number) =>
        result.IsOk ? PbxResult<string>.Success(number) : result;

    private static string Location(HttpContext context, string resource, string id)
    {
        var request = context.Request;
        return $"{request.Scheme}://{request.Host}{request.PathBase}/pbxapi/{resource}/{id}";
    }

    /// <summary>The ids of a DELETE: one, or several separated by commas.</summary>
    private static string[] Ids(string ids) =>
        ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();

    private static IResult Invalid(IssabelFields fields) =>
        IssabelResults.Error(StatusCodes.Status422UnprocessableEntity, fields.Problems);
}
