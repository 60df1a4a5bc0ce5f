using PbxGrains.Grains.Hosting;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// The Orleans side of the host. Today: one silo in this process with localhost clustering and in-memory grain
/// storage. Redis/ADO.NET providers and the API-only (client) role belong here too.
/// </summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddPbxOrleans(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(OrleansHostingOptions.SectionName).Get<OrleansHostingOptions>() ?? new();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddMemoryGrainStorage(PbxSiloBuilderExtensions.StorageName);
            silo.AddPbxGrains();
        });
        return builder;
    }
}
