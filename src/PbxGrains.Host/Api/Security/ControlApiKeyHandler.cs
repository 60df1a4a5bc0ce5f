using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using PbxGrains.Host.Load;

namespace PbxGrains.Host.Api.Security;

/// <summary>
/// The control API's authentication scheme: a key as <c>Authorization: Bearer {key}</c> or <c>X-Api-Key: {key}</c>,
/// looked up in <see cref="ControlApiCallers"/>. When no key is configured the control API is open to loopback callers
/// that name a loopback host (a page from another site that resolved its name to 127.0.0.1 names its own host) and
/// closed to everyone else. A refusal answers an RFC 7807 problem; a wrong key is logged with the caller's address,
/// never the key.
/// </summary>
public sealed partial class ControlApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    ControlApiCallers callers) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "PbxControlApiKey";
    public const string ApiKeyHeader = "X-Api-Key";

    private const string BearerPrefix = "Bearer ";

    // What a proxy adds, and what ASP.NET Core's forwarded-headers middleware leaves when it rewrites the remote address.
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Original-For", "X-Real-IP"];

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (callers.IsOpen)
        {
            return Task.FromResult(IsLoopbackCaller(Context)
                ? Success(ControlApiCallers.Admin(Scheme.Name, "open on loopback"))
                : AuthenticateResult.Fail("no key is configured, so the control API answers loopback callers only"));
        }

        if (PresentedKey(Request) is not { Length: > 0 } key)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (callers.Find(key, Scheme.Name) is { } caller)
        {
            return Task.FromResult(Success(caller));
        }

        LogRefusedKey(Logger, Context.Connection.RemoteIpAddress?.ToString() ?? "local", Request.Method, Request.Path);
        return Task.FromResult(AuthenticateResult.Fail("the key is not valid"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await Context.AuthenticateAsync(Scheme.Name)).Failure?.Message;
        await Problem(
            StatusCodes.Status401Unauthorized,
            callers.IsOpen
                ? $"The control API answers loopback callers only: {failure}. Configure {ControlApiOptions.SectionName}:AdminKey to reach it from elsewhere."
                : failure is null
                    ? $"The control API needs a key: 'Authorization: Bearer <key>' or '{ApiKeyHeader}: <key>'."
                    : $"The control API refused the request: {failure}.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "This key may not do that: a tenant's key acts on its own tenant only.");

    /// <summary>
    /// A caller on this machine (or an in-process test server, which has no remote address) that addressed this
    /// machine by a loopback name, and not through a proxy: a forwarded request came from elsewhere, and with forwarded
    /// headers honoured (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>) its remote address is whatever the client wrote.
    /// </summary>
    public static bool IsLoopbackCaller(HttpContext context) =>
        LoadEndpointAccess.IsLocal(context.Connection.RemoteIpAddress) &&
        IsLoopbackHost(context.Request.Host.Host) &&
        !ProxyHeaders.Any(context.Request.Headers.ContainsKey);

    private static bool IsLoopbackHost(string host) =>
        host.Length == 0 ||
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[ApiKeyHeader] is [{ } apiKey])
        {
            return apiKey.Trim();
        }

        return request.Headers[HeaderNames.Authorization] is [{ } authorization] && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase)
            ? authorization[BearerPrefix.Length..].Trim()
            : null;
    }

    private AuthenticateResult Success(ClaimsIdentity caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(caller), Scheme.Name));

    private Task Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["error"] = status == 401 ? "Unauthorized" : "Forbidden" })
            .ExecuteAsync(Context);

    [LoggerMessage(LogLevel.Warning, "Control API: a wrong key from {Remote} for {Method} {Path} was refused.")]
    private static partial void LogRefusedKey(ILogger logger, string remote, string method, PathString path);
}
