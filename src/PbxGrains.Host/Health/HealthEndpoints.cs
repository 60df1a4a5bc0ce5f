using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PbxGrains.Host.Health;

/// <summary>Kubernetes-style probes: startup (scenarios loaded), ready (not stopping, silo active, grains answer), live (process up).</summary>
public static class HealthEndpoints
{
    private const string StartupTag = "startup";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddPbxHealth(this IServiceCollection services)
    {
        services.AddSingleton<StartupGate>();
        services.AddHealthChecks()
            .AddCheck<StartupHealthCheck>("startup", tags: [StartupTag])
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [ReadyTag])
            .AddCheck<SiloReadyHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<ClockLagHealthCheck>("clock", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapPbxHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/startup", new HealthCheckOptions { Predicate = c => c.Tags.Contains(StartupTag) });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteDetailsAsync });

        // Liveness runs no check: a process that can answer HTTP is alive, and restarting it for a slow cluster would not help.
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        return endpoints;
    }

    /// <summary>The overall status and each check's status, description and figures (the clock's lag), as JSON.</summary>
    private static Task WriteDetailsAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        });
}
