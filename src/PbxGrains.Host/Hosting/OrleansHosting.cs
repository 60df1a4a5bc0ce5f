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

        // Read before anything is registered, so a bad speed stops the host with a message instead of a half-built silo.
        var time = PbxClockConfiguration.CreateTime(builder.Configuration);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.AddMemoryGrainStorage(PbxSiloBuilderExtensions.StorageName);

            // The silo's services are the host's, so this one clock serves the grains and the PbxClient of the API alike.
            silo.AddPbxGrains(time);
        });
        return builder;
    }
}
