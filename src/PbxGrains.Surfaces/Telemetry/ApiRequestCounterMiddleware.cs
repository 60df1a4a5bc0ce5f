using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PbxGrains.Surfaces.Hosting;

namespace PbxGrains.Surfaces.Telemetry;

/// <summary>
/// Counts every request by surface and status code. The surface is the one named in the metadata of the endpoint the
/// request was routed to (<see cref="SurfaceRegistration.WithSurface"/>), so two vendors that share a path prefix
/// (VoipCenter's and VoIPSUN's <c>/api</c>) count apart; a request that reached no surface counts under the first
/// segment of its path when that is one of the host's own (<see cref="ApiRequestMetricsOptions.HostSegments"/>). It must
/// run after the tenancy middleware, which removes the tenant prefix, and around routing, which chooses the endpoint.
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
            metrics.RequestCompleted(SurfaceOf(context, path), StatusCodes.Status500InternalServerError);
            throw;
        }

        metrics.RequestCompleted(SurfaceOf(context, path), context.Response.StatusCode);
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
