using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Events;
using PbxGrains.Client.Events;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Sockets;

namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>
/// The SOP's XML event socket: accepts consumers on <see cref="EventSocketOptions.Port"/> and streams each one its
/// tenant's call events. Lives in the API tier; it reaches the call model only through the process's
/// <see cref="CallEventFeed"/>. A port that cannot be opened is logged and the host runs on without the socket.
/// </summary>
public sealed class EventSocketServer(
    CallEventFeed feed,
    EventSocketTenants tenants,
    IOptions<EventSocketOptions> options,
    IOptions<SurfaceHostingOptions> hosting,
    Faults.FaultInjector faults,
    PbxGrains.Client.PbxClock clock,
    ILogger<EventSocketServer> logger) : SocketSurfaceServer<EventSocketConnection>(hosting, logger)
{
    protected override string SocketName => "Escaux event socket";

    protected override SocketListenOptions Listen => new(options.Value.Enabled, options.Value.Address, options.Value.Port);

    protected override EventSocketConnection Accept(TcpClient client, CancellationToken stopping) =>
        new(client, feed, tenants, options.Value, faults, clock, logger, stopping);
}
