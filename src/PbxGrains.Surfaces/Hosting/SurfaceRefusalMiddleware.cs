using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PbxGrains.Surfaces.Hosting;

/// <summary>
/// Makes every refusal on a vendor path the vendor's: a body over <see cref="SurfaceLimitsOptions.SurfaceRequestBodyBytes"/>,
/// a body the server could not read (Kestrel's <c>BadHttpRequestException</c>, or the plain <c>IOException</c> it throws
/// for a chunk size that overflows), and a framework status without a body (405, 415) reach a client of the surface in
/// the surface's format (<see cref="PbxSurface.Refuse"/>) instead of ASP.NET's <c>problem+json</c> or an empty 500.
/// The surface is the routed endpoint's, or for a request no endpoint took (405) the surface whose path it is under.
/// It runs after routing; the host's exception handler still answers everything else.
/// </summary>
public sealed class SurfaceRefusalMiddleware(
    RequestDelegate next, IEnumerable<PbxSurface> surfaces, IOptionsMonitor<SurfaceLimitsOptions> limits, ILogger<SurfaceRefusalMiddleware> logger)
{
    private readonly PbxSurface[] _surfaces = [.. surfaces.Where(s => s.Refuse is not null)];

    public async Task InvokeAsync(HttpContext context)
    {
        if (SurfaceOf(context) is not { Refuse: { } refuse } surface)
        {
            await next(context);
            return;
        }

        var limit = limits.CurrentValue.SurfaceRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            await RefuseAsync(context, refuse, StatusCodes.Status413PayloadTooLarge);
            return;
        }

        try
        {
            await next(context);
        }
        catch (IOException error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // BadHttpRequestException is an IOException with its status (413, 400); Kestrel throws a plain one for a
            // chunk size that overflows. Either way the body could not be read: the client's fault, not the server's.
            logger.LogInformation("{Surface} request {Path} refused: its body could not be read ({Reason})", surface.Name, context.Request.Path, error.Message);
            await RefuseAsync(context, refuse, error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest);
            return;
        }

        if (!context.Response.HasStarted && SurfaceRefusals.IsServerRefusal(context.Response.StatusCode))
        {
            await RefuseAsync(context, refuse, context.Response.StatusCode);
        }
    }

    private static Task RefuseAsync(HttpContext context, SurfaceRefusal refuse, int status)
    {
        context.Response.Clear();
        return refuse(context, status).ExecuteAsync(context);
    }

    private PbxSurface? SurfaceOf(HttpContext context)
    {
        if (context.SurfaceOf() is { } name)
        {
            return _surfaces.FirstOrDefault(s => s.Name == name);
        }

        var path = context.Request.Path;
        return _surfaces
            .SelectMany(s => s.Paths.Select(prefix => (Surface: s, Prefix: prefix)))
            .Where(p => path.StartsWithSegments(p.Prefix, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(p => p.Prefix.Length)
            .Select(p => p.Surface)
            .FirstOrDefault();
    }
}
