using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PbxGrains.Surfaces.Telemetry;

/// <summary>
/// Counts every request by surface (the first path segment once the tenant prefix is removed) and status code. It
/// must run after the tenancy middleware, which removes the prefix.
/// </summary>
public sealed class ApiRequestCounterMiddleware(RequestDelegate next, ApiRequestMetrics metrics, IOptions<ApiRequestMetricsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var surface = SurfaceOf(context.Request.Path);
        try
        {
            await next(context);
        }
        catch
        {
            // The exception handler outside turns this into a 500; count it as one.
            metrics.RequestCompleted(surface, StatusCodes.Status500InternalServerError);
            throw;
        }

        metrics.RequestCompleted(surface, context.Response.StatusCode);
    }

    private string SurfaceOf(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value) || value == "/")
        {
            return ApiRequestMetricsOptions.OtherSurface;
        }

        var end = value.IndexOf('/', 1);
        var segment = end < 0 ? value[1..] : value[1..end];
        return options.Value.Surfaces.TryGetValue(segment, out var known) ? known : ApiRequestMetricsOptions.OtherSurface;
    }
}
