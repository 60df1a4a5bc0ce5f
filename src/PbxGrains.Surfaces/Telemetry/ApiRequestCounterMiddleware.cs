using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PbxGrains.Surfaces.Hosting;

namespace PbxGrains.Surfaces.Telemetry;

/// <summary>
/// Counts every request by surface and status code. The surface is the one named in the metadata of the endpoint the
/// request was routed to (<see cref="SurfaceRegistration.WithSurface"/>), so two vendors that share a path prefix
/// (VoipCenter's and VoIPSUN's <c>/api</c>) count apart; a request that reached no surface counts under the first
/// segment of its path when that is one of the host's own (<see cref="ApiRequestMetricsOptions.HostSegments"/>). It must
/// run after the tenancy middleware, which removes the tenant prefix, and around routing, which chooses the endpoint.
/// The same <c>surface</c> tag goes on ASP.NET Core's own <c>http.server.request.duration</c> histogram, which records
/// when the request ends, after this returns: its <c>http.route</c> is a path template that two surfaces can share and
/// a 404 lacks, so a latency per surface needs the tag, and one more tag on a measurement taken anyway costs nothing.
/// </summary>
public sealed class ApiRequestCounterMiddleware(RequestDelegate next, ApiRequestMetrics metrics, IOptions<ApiRequestMetricsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        try
        {
            await next(context);
        }
        catch
        {
            // The exception handler outside turns this into a 500; count it as one.
            metrics.RequestCompleted(Tagged(context, SurfaceOf(context, path)), StatusCodes.Status500InternalServerError);
            throw;
        }

        metrics.RequestCompleted(Tagged(context, SurfaceOf(context, path)), context.Response.StatusCode);
    }

    /// <summary>
    /// Adds the surface to the request-duration measurement; the feature is absent when nobody listens to that
    /// histogram, and then there is nothing to tag.
    /// </summary>
    private static string Tagged(HttpContext context, string surface)
    {
        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new KeyValuePair<string, object?>("surface", surface));
        return surface;
    }

    private string SurfaceOf(HttpContext context, PathString path)
    {
        if (context.SurfaceOf() is { } surface)
        {
            return surface;
        }

        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value == "/")
        {
            return ApiRequestMetricsOptions.OtherSurface;
        }

        var end = value.IndexOf('/', 1);
        var segment = end < 0 ? value[1..] : value[1..end];
        return options.Value.HostSegments.TryGetValue(segment, out var known) ? known : ApiRequestMetricsOptions.OtherSurface;
    }
}
