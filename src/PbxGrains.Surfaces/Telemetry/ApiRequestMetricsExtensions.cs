using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PbxGrains.Surfaces.Telemetry;

public static class ApiRequestMetricsExtensions
{
    public static IServiceCollection AddPbxApiRequestMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<ApiRequestMetricsOptions>();
        services.TryAddSingleton<ApiRequestMetrics>();
        return services;
    }

    /// <summary>Counts requests by surface; place it after <c>UsePbxTenancy()</c>.</summary>
    public static IApplicationBuilder UsePbxApiRequestMetrics(this IApplicationBuilder app) =>
        app.UseMiddleware<ApiRequestCounterMiddleware>();
}
