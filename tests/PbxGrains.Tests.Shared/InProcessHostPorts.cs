using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.Shared;

/// <summary>What every host run in a test process (<c>WebApplicationFactory&lt;Program&gt;</c>) needs so that several run side by side.</summary>
public static class InProcessHostPorts
{
    /// <summary>Free silo and gateway ports, and the Escaux event socket on a port the system picks.</summary>
    public static IWebHostBuilder UseFreePorts(this IWebHostBuilder builder) => builder
        .UseSetting("Orleans:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture))
        .UseSetting("Orleans:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture))
        .UseSetting("Escaux:EventSocket:Port", "0");
}
