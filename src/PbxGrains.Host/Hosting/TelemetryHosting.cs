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
            .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapPbxMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
