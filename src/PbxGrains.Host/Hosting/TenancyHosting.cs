using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Host.Hosting;

public static class TenancyHosting
{
    /// <summary>
    /// Registers tenancy after checking its settings (<see cref="TenancyConfiguration.Problems"/>) against the surfaces
    /// registered so far: a bad one stops the start with every problem named, before anything listens.
    /// </summary>
    public static WebApplicationBuilder AddPbxTenancy(this WebApplicationBuilder builder)
    {
        if (TenancyConfiguration.Problems(builder.Configuration, builder.Services.PbxSurfaceNames()) is { Count: > 0 } problems)
        {
            throw new HostConfigurationException(string.Join(" ", problems));
        }

        builder.Services.AddPbxTenancy(builder.Configuration);
        return builder;
    }
}
