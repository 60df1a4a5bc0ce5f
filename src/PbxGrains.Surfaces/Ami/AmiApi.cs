using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using PbxGrains.Client.Events;
using PbxGrains.Surfaces.Hosting;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// The Asterisk Manager Interface: a TCP surface (port 5038) on the same call model as the vendor surfaces, so one call
/// is seen through AMI and every vendor API at once. It has no HTTP endpoints; its settings are the tenants' manager
/// users (<see cref="AmiSettings"/>) and its options the socket's (<see cref="AmiOptions"/>, <c>Pbx:Ami</c>).
/// </summary>
public static class AmiApi
{
    public static readonly PbxSurface Surface = new("ami", AmiSettings.Schema, e => e.MapAmi());

    public static IServiceCollection AddAmi(this IServiceCollection services)
    {
        services.AddPbxSurface(Surface);
        services.AddOptions<AmiOptions>()
            .BindConfiguration(AmiOptions.SectionName)
            .Validate(o => o.Port is >= 0 and <= 65535, $"{AmiOptions.SectionName}:Port must be from 0 to 65535.")
            .Validate(o => o.BufferEvents >= 1, $"{AmiOptions.SectionName}:BufferEvents must be at least 1.")
            .Validate(o => o.BufferBytes >= 0, $"{AmiOptions.SectionName}:BufferBytes must be 0 (no bound) or more.")
            .Validate(o => o.MaxUnauthenticated >= 1 && o.MaxSessionsPerTenant >= 1, $"{AmiOptions.SectionName}:MaxUnauthenticated and MaxSessionsPerTenant must be at least 1.")
            .Validate(o => System.Net.IPAddress.TryParse(o.Address, out _), $"{AmiOptions.SectionName}:Address must be an IP address.")
            .ValidateOnStart();
        services.AddCallEventFeed();
        services.AddMetrics();
        services.TryAddSingleton<AmiMetrics>();
        services.TryAddSingleton<AmiTenants>();
        services.TryAddSingleton<AmiEventStreams>();
        services.TryAddSingleton<AmiServices>();
        services.TryAddSingleton<AmiServer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AmiServer>(sp => sp.GetRequiredService<AmiServer>()));
        return services;
    }

    /// <summary>The manager interface answers on its own socket, not over HTTP: nothing to map.</summary>
    public static IEndpointRouteBuilder MapAmi(this IEndpointRouteBuilder endpoints) => endpoints;
}
