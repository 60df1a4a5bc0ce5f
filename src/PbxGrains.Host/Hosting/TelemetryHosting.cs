using System.Diagnostics.Metrics;
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
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
            metrics.AddView(OnlyThisHostsMeters(services.GetRequiredService<IMeterFactory>())));
        return builder;
    }

    /// <summary>
    /// Drops the instruments of meters another host's container made. OpenTelemetry matches meters by name, and a
    /// process can hold several hosts (the tests hold many; anyone can embed two): without this, one host's scrape
    /// counted every host's measurements, and when another host stopped, the end of its meters also ended this
    /// host's streams of the same names, which then vanished from the scrape for good
    /// (open-telemetry/opentelemetry-dotnet#6412). Orleans', ASP.NET Core's and this project's meters all come from the
    /// container's factory; a meter made outside any container (the runtime's <c>System.Runtime</c>) is process-wide
    /// and stays.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHostsMeters(IMeterFactory own) =>
        instrument => instrument.Meter.Scope is IMeterFactory factory && !ReferenceEquals(factory, own)
            ? MetricStreamConfiguration.Drop
            : null;

    public static IEndpointRouteBuilder MapPbxMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
