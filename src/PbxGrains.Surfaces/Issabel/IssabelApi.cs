using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Surfaces.Hosting;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// Issabel PBX's REST API (<c>/pbxapi</c>, vendor-docs/issabel-pbxapi-readme.txt): JWT authentication, extensions and
/// ring groups as the document describes them, and the real server's queues and manager resources beside them.
/// </summary>
public static partial class IssabelApi
{
    /// <summary>The surface: its name, the settings a scenario gives it, and its endpoints.</summary>
    public static readonly PbxSurface Surface = new(IssabelSettings.SurfaceName, IssabelSettings.Schema, endpoints => endpoints.MapIssabel())
    {
        Refuse = IssabelAnswer.Refusal,
        Fail = IssabelAnswer.Fault,
        Paths = ["/pbxapi"],
    };

    /// <summary>
    /// The surface and what pbxapi needs besides <see cref="PbxClient"/> and the tenancy middleware: its host settings
    /// (<c>Pbx:Issabel</c>), the settings read model and the token maker.
    /// </summary>
    public static IServiceCollection AddIssabel(this IServiceCollection services)
    {
        services.AddPbxSurface(Surface);
        services.AddOptions<IssabelOptions>().BindConfiguration(IssabelOptions.SectionName);
        services.TryAddSingleton<IssabelReadModel>();
        services.TryAddSingleton<IssabelTokens>();
        return services;
    }

    public static IEndpointRouteBuilder MapIssabel(this IEndpointRouteBuilder endpoints)
    {
        var pbxapi = endpoints.MapGroup("/pbxapi").WithSurface(Surface).ExcludeFromDescription();

        pbxapi.MapPost("/authenticate", AuthenticateAsync);
        // The real server renews on GET /pbxapi/authenticate/<anything>; "renewtoken" is the documented spelling.
        // GET /pbxapi/authenticate alone answers the session's status.
        pbxapi.MapGet("/authenticate/{*rest}", RenewAsync);
        pbxapi.MapMethods("/authenticate/{*rest}", [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], IssabelAnswer.MethodNotAllowed);

        var resources = pbxapi.MapGroup("").AddEndpointFilter<IssabelTokenFilter>();
        ExtensionResource().Map(resources.MapGroup("/extensions"));
        RingGroupResource().Map(resources.MapGroup("/ringgroups"));
        QueueResource().Map(resources.MapGroup("/queues"));
        foreach (var resource in (IssabelResource[])[ParkingLotResource(), InboundRouteResource(), TimeGroupResource(), TimeConditionResource(), TrunkResource(), OutboundRouteResource()])
        {
            resource.Map(resources.MapGroup("/" + resource.Name));
        }

        MapManager(resources.MapGroup("/manager"));
        resources.Map("/{**rest}", IssabelAnswer.NotFound);
        return endpoints;
    }

    /// <summary>POST /pbxapi/authenticate: <c>user</c> or <c>username</c> with <c>password</c>, as form, multipart or JSON.</summary>
    public static async Task<IssabelAnswer> AuthenticateAsync([AsParameters] IssabelRequest request)
    {
        var settings = await request.SettingsAsync();
        var (fields, _) = await IssabelFields.ReadAsync(request.Context.Request);
        var user = fields?.Text("user") ?? fields?.Text("username");
        var password = fields?.Text("password");
        if (!settings.TenantExists || user is null || password is null || !settings.CheckPassword(user, password))
        {
            return IssabelAnswer.Forbidden();
        }

        return IssabelAnswer.Json(new JsonObject
        {
            ["access_token"] = request.Tokens.CreateAccess(request.Tenant, settings.SigningKey, user, settings.AccessLifetimeSeconds),
            ["expires_in"] = settings.AccessLifetimeSeconds,
            ["refresh_token"] = request.Tokens.CreateRefresh(request.Tenant, settings.SigningKey, IssabelSettings.LoginRefreshLifetimeSeconds),
            ["token_type"] = "Bearer",
        });
    }

    /// <summary>GET /pbxapi/authenticate/renewtoken?refresh_token=…[&amp;access_token=…]: a new pair of tokens.</summary>
    public static async Task<IssabelAnswer> RenewAsync([AsParameters] IssabelRequest request, string? rest)
    {
        if (string.IsNullOrEmpty(rest))
        {
            return await SessionStatusAsync(request);
        }

        var (tenant, tokens, query) = (request.Tenant, request.Tokens, request.Context.Request.Query);
        var settings = await request.SettingsAsync();
        var refresh = query["refresh_token"].ToString();
        if (!settings.TenantExists || refresh.Length == 0)
        {
            return IssabelAnswer.Forbidden();
        }

        switch (await tokens.CheckRefreshAsync(refresh, tenant, settings.SigningKey))
        {
            case TokenCheck.Invalid:
                return IssabelAnswer.Forbidden();
            case TokenCheck.Expired:
                return IssabelAnswer.Json(new JsonObject { ["status"] = "expired", ["type"] = "refresh" });
        }

        // A refresh token names nobody (data: []); the user comes from the access token sent beside it, expired or not.
        var user = settings.Users.Keys.Order(StringComparer.Ordinal).FirstOrDefault() ?? "admin";
        if (query["access_token"].ToString() is { Length: > 0 } access)
        {
            var (check, name) = await tokens.CheckAccessAsync(access, tenant, settings.SigningKey, ignoreLifetime: true);
            if (check == TokenCheck.Valid)
            {
                user = name;
            }
        }

        return IssabelAnswer.Json(new JsonObject
        {
            ["access_token"] = tokens.CreateAccess(tenant, settings.SigningKey, user, settings.AccessLifetimeSeconds),
            ["expires_in"] = settings.AccessLifetimeSeconds,
            ["refresh_token"] = tokens.CreateRefresh(tenant, settings.SigningKey, IssabelSettings.RenewRefreshLifetimeSeconds),
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
    private static async Task<IssabelAnswer> SessionStatusAsync(IssabelRequest request)
    {
        var settings = await request.SettingsAsync();
        if (settings.TenantExists && IssabelTokenFilter.Bearer(request.Context) is { } access)
        {
            var (check, _) = await request.Tokens.CheckAccessAsync(access, request.Tenant, settings.SigningKey);
            if (check == TokenCheck.Valid)
            {
                return IssabelAnswer.Json(new JsonObject
                {
                    ["access_token"] = access,
                    ["refresh_token"] = request.Tokens.CreateRefresh(request.Tenant, settings.SigningKey, IssabelSettings.LoginRefreshLifetimeSeconds),
                    ["token_type"] = "Bearer",
                    ["status"] = "authorized",
                });
            }
        }

        return IssabelAnswer.Json(new JsonObject { ["status"] = "unauthorized" });
    }

    /// <summary>
    /// The number a POST body names in <c>extension</c>: the real server creates that one, and picks the next free
    /// number only when the body names none (null). A number that cannot be dialled is a problem.
    /// </summary>
    private static string? RequestedNumber(IssabelFields fields)
    {
        var number = fields.Text("extension", DialableNumber.MaxLength);
        if (number is not null && !DialableNumber.IsValid(number))
        {
            fields.Problem(IssabelErrors.NotDialable("extension"));
            return null;
        }

        return number;
    }

    /// <summary>
    /// A POST on a collection: the number the body names (<paramref name="number"/>) and the record the fields make of
    /// <paramref name="template"/>, created on that number, or on the next free one from the tenant's setting when the
    /// body names none. 201, a Location and no body; a number already in use is 409.
    /// </summary>
    private static async Task<IssabelAnswer> CreateAsync<TConfig>(
        IssabelRequest request,
        string resource,
        Func<IssabelFields, string?> number,
        Func<string?, IssabelFields, TConfig> template,
        Func<ITenantGrain, TConfig, IssabelSettings, Task<PbxResult<string>>> createOnFreeNumber,
        Func<ITenantGrain, TConfig, Task<PbxResult>> add)
    {
        var settings = await request.SettingsAsync();
        var (fields, refusal) = await IssabelFields.ReadAsync(request.Context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        var requested = number(fields);
        if (!fields.IsValid)
        {
            return IssabelAnswer.Invalid(fields.Problems);
        }

        var config = template(requested, fields);
        if (!fields.IsValid)
        {
            return IssabelAnswer.Invalid(fields.Problems);
        }

        var tenant = request.Pbx.Tenant(request.Tenant);
        var created = requested is null
            ? await createOnFreeNumber(tenant, config, settings)
            : await add(tenant, config) is { IsOk: false } refused ? refused : PbxResult<string>.Success(requested);
        return created.IsOk
            ? IssabelAnswer.Created(Location(request, resource, created.Value!))
            : IssabelAnswer.FromDomain(created.AsResult(), "extension");
    }

    /// <summary>A PUT's answer: 200 without a body, with the record's address when the PUT created it.</summary>
    private static IssabelAnswer Upserted(IssabelRequest request, string resource, string id, bool created, PbxResult result)
    {
        if (!result.IsOk)
        {
            return IssabelAnswer.FromDomain(result, "extension");
        }

        if (created)
        {
            request.Context.Response.Headers.Location = Location(request, resource, id);
        }

        return IssabelAnswer.NoContent200();
    }

    /// <summary>A DELETE's answer.</summary>
    private static IssabelAnswer Deleted(PbxResult result) =>
        result.IsOk ? IssabelAnswer.NoContent200() : IssabelAnswer.FromDomain(result, "extension");

    private static string Location(IssabelRequest request, string resource, string id)
    {
        var http = request.Context.Request;
        return $"{http.Scheme}://{http.Host}{http.PathBase}/pbxapi/{resource}/{id}";
    }

    /// <summary>The ids of a DELETE: one, or several separated by commas.</summary>
    private static string[] Ids(string ids) =>
        ids.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>A DELETE may carry only <c>reload</c> (in its query or body).</summary>
    private static async Task<(IssabelFields? Fields, IssabelAnswer? Refusal)> ReadReloadAsync(IssabelRequest request)
    {
        var (fields, refusal) = await IssabelFields.ReadAsync(request.Context.Request);
        if (fields is null)
        {
            return (null, refusal);
        }

        fields.RejectUnknown(["reload"]);
        fields.Flag("reload");
        return fields.IsValid ? (fields, null) : (null, IssabelAnswer.Invalid(fields.Problems));
    }
}
