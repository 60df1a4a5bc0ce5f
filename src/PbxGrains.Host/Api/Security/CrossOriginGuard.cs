using Microsoft.Net.Http.Headers;

namespace PbxGrains.Host.Api.Security;

/// <summary>
/// The control API's guard against requests a browser makes on another site's behalf (CSRF), which would otherwise
/// reach a control API that is open on loopback, or one a browser holds a key for:
/// <list type="bullet">
/// <item>a request that a browser marks as cross-origin (<c>Sec-Fetch-Site</c> other than <c>same-origin</c> or
/// <c>none</c>, or an <c>Origin</c> that is not this host) is refused with 403;</item>
/// <item>a request with a <c>Content-Type</c> that is not JSON or YAML is refused with 415 (a form or <c>text/plain</c>
/// is what a page can send without asking, and what a browser sends for a bodyless form POST), whatever its method.</item>
/// </list>
/// No CORS policy is configured, so a cross-origin page cannot read an answer either. Programs (curl, test harnesses)
/// send neither header and are unaffected.
/// </summary>
public static class CrossOriginGuard
{
    public const string Prefix = "/sim";

    private static readonly string[] BodyTypes =
        ["application/json", "text/json", "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    public static IApplicationBuilder UseControlApiCrossOriginGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(Prefix) || context.Request.Path.StartsWithSegments($"/{SimApiHosting.DocsPath}"))
            {
                await next(context);
                return;
            }

            if (Refusal(context.Request) is { } refusal)
            {
                await TypedResults.Problem(detail: refusal.Detail, statusCode: refusal.Status, extensions: new Dictionary<string, object?> { ["error"] = refusal.Error })
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>Why the request is refused, or null when it may go on.</summary>
    public static (int Status, string Error, string Detail)? Refusal(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"] is [{ } site] && site is not ("same-origin" or "none"))
        {
            return (StatusCodes.Status403Forbidden, "CrossOrigin", $"The control API refuses cross-origin browser requests (Sec-Fetch-Site: {site}).");
        }

        if (request.Headers.Origin.Count > 0 && !IsSameOrigin(request.Headers.Origin.ToString(), request))
        {
            return (StatusCodes.Status403Forbidden, "CrossOrigin", "The control API refuses cross-origin browser requests (Origin is not this host).");
        }

        if (request.ContentType is { } type && !IsJsonOrYaml(type))
        {
            return (StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "The control API takes JSON or YAML bodies (application/json, application/yaml).");
        }

        return null;
    }

    public static bool IsJsonOrYaml(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType.Value is not { } media)
        {
            return false;
        }

        return BodyTypes.Contains(media, StringComparer.OrdinalIgnoreCase) ||
            (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) &&
                (media.EndsWith("+json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+yaml", StringComparison.OrdinalIgnoreCase)));
    }

    // The scheme is not compared: behind a TLS ingress the browser's origin is https and the request reaching us is http.
    private static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) &&
        string.Equals(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
