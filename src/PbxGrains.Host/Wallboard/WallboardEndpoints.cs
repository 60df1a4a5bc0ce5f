using System.Collections.Frozen;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Host.Wallboard;

/// <summary>
/// <c>GET /wallboard/{tenant}</c>: a live page of one tenant's queues, agents, calls, manual phones and traffic
/// generators. The page is static (HTML, CSS and script embedded in this assembly, nothing fetched from elsewhere) and
/// holds no data: its script reads everything from the control API (<c>/sim/tenants/{tenant}/…</c>, and the tenant's
/// event stream <c>…/events</c>) with the key the user types, so it sees exactly what that key may see there. That is
/// why the page itself is open: a browser cannot send the key with a navigation, and the page says nothing, not even
/// whether the tenant exists.
/// </summary>
public static class WallboardEndpoints
{
    public const string Path = "/wallboard";

    // Scripts and styles from this host only (none inline), requests to this host only, never framed by another site.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (string ContentType, byte[] Content)> Assets = new Dictionary<string, (string, byte[])>
    {
        ["wallboard.html"] = ("text/html; charset=utf-8", Read("wallboard.html")),
        ["wallboard.css"] = ("text/css; charset=utf-8", Read("wallboard.css")),
        ["wallboard.js"] = ("text/javascript; charset=utf-8", Read("wallboard.js")),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapWallboard(this IEndpointRouteBuilder endpoints)
    {
        var wallboard = endpoints.MapGroup(Path).AllowAnonymous().ExcludeFromDescription();
        wallboard.MapGet("/{tenant}", ShowPage);
        wallboard.MapGet("/assets/{file}", ShowAsset);
        return endpoints;
    }

    /// <summary>The page's address for a tenant.</summary>
    public static string PathOf(string tenant) => $"{Path}/{Uri.EscapeDataString(tenant)}";

    private static IResult ShowPage(string tenant, HttpContext context) =>
        TenantKey.IsValidTenantId(tenant)
            ? Serve(context, "wallboard.html")
            : TypedResults.Problem(detail: $"'{tenant}' is not a tenant id", statusCode: StatusCodes.Status404NotFound);

    private static IResult ShowAsset(string file, HttpContext context) =>
        file != "wallboard.html" && Assets.ContainsKey(file) ? Serve(context, file) : TypedResults.NotFound();

    private static IResult Serve(HttpContext context, string name)
    {
        var (type, content) = Assets[name];
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(content, type);
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(WallboardEndpoints).Assembly.GetManifestResourceStream($"PbxGrains.Host.Wallboard.{name}")
            ?? throw new InvalidOperationException($"The wallboard's {name} is not embedded in the host (PbxGrains.Host.csproj).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
