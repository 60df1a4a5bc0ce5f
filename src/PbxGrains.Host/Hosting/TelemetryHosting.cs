using OpenTelemetry.Metrics;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Host.Hosting;

/// <summary>OpenTelemetry metrics, scraped by Prometheus at <c>/metrics</c>.</summary>
public static class TelemetryHosting
{
    public static WebApplicationBuilder AddPbxTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.Orleans", PbxMetrics.MeterName)
            // ASP.NET Core's own meters give request durations per route without extra packages.
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            // The runtime's built-in meter (CPU time, working set, GC heap, thread pool): a silo's health on the
            // Grafana dashboard, with nothing to install and nothing measured that the runtime does not keep already.
            .AddMeter("System.Runtime")
            .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapPbxMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
