using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.Hosting;

/// <summary>How a surface is added to a host, and how the host maps every surface it was given.</summary>
public static class SurfaceRegistration
{
    /// <summary>
    /// Registers a surface (once, whatever the number of calls) and what every surface shares: the schemas its scenario
    /// settings are checked against. A surface's <c>AddXxx()</c> calls it.
    /// </summary>
    public static IServiceCollection AddPbxSurface(this IServiceCollection services, PbxSurface surface)
    {
        if (!services.Any(d => d.ServiceType == typeof(PbxSurface) && ReferenceEquals(d.ImplementationInstance, surface)))
        {
            services.AddSingleton(surface);
        }

        services.TryAddSingleton<SurfaceSettingsSchemas>();
        services.TryAddSingleton<Faults.TenantFaultRules>();
        services.TryAddSingleton<Faults.FaultCounts>();
        services.TryAddSingleton<Faults.FiredFaults>();
        services.TryAddSingleton<Faults.FaultMetrics>();
        services.TryAddSingleton<Faults.FaultInjector>();
        services.TryAddSingleton(_ => new Faults.StaleAnswers(TimeProvider.System));
        services.AddOptions<SurfaceHostingOptions>();
        services.AddOptions<SurfaceLimitsOptions>();
        return services;
    }

    /// <summary>The names of the surfaces registered so far, in the order they were added (for checks made before the host is built).</summary>
    public static IReadOnlyList<string> PbxSurfaceNames(this IServiceCollection services) =>
        [.. services.Where(d => d.ServiceType == typeof(PbxSurface)).Select(d => ((PbxSurface)d.ImplementationInstance!).Name)];

    /// <summary>Maps every registered surface, in the order they were added.</summary>
    public static IEndpointRouteBuilder MapPbxSurfaces(this IEndpointRouteBuilder endpoints)
    {
        foreach (var surface in endpoints.ServiceProvider.GetServices<PbxSurface>())
        {
            surface.Map(endpoints);
        }

        return endpoints;
    }

    /// <summary>
    /// Answers the server's refusals on a surface's paths in the surface's format and applies
    /// <see cref="SurfaceLimitsOptions"/> (<see cref="SurfaceRefusalMiddleware"/>). Place it after <c>UseRouting()</c>.
    /// </summary>
    public static IApplicationBuilder UsePbxSurfaceRefusals(this IApplicationBuilder app) =>
        app.UseMiddleware<SurfaceRefusalMiddleware>();

    /// <summary>
    /// Injects the tenants' transport faults into their surface requests (<see cref="Faults.FaultInjectionMiddleware"/>).
    /// Place it after <c>UseRouting()</c>, the surface tenancy and <see cref="UsePbxSurfaceRefusals"/>.
    /// </summary>
    public static IApplicationBuilder UsePbxSurfaceFaults(this IApplicationBuilder app) =>
        app.UseMiddleware<Faults.FaultInjectionMiddleware>();

    /// <summary>Marks endpoints (a surface's group) as the surface's: its default tenant and its count in the metrics.</summary>
    public static TBuilder WithSurface<TBuilder>(this TBuilder builder, PbxSurface surface)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SurfaceMetadata(surface.Name));

    /// <summary>The surface of the endpoint a request was routed to, or null (a host endpoint, or none matched).</summary>
    public static string? SurfaceOf(this HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<SurfaceMetadata>()?.Name;
}
