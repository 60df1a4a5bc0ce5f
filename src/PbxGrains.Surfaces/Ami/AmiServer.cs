using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Client.Events;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Sockets;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// The manager interface's TCP socket (<see cref="AmiOptions.Port"/>, 5038): one <see cref="AmiConnection"/> per client.
/// Lives in the API tier and reaches the call model through <see cref="Client.PbxClient"/> and the
/// process's <see cref="CallEventFeed"/>. Connections that have not logged in are limited over the whole process
/// (<see cref="AmiOptions.MaxUnauthenticated"/>), as Asterisk's <c>authlimit</c> does.
/// </summary>
public sealed class AmiServer(
    AmiServices services,
    IOptions<SurfaceHostingOptions> hosting,
    ILogger<AmiServer> logger) : SocketSurfaceServer<AmiConnection>(hosting, logger)
{
    protected override string SocketName => "Manager interface (AMI)";

    protected override SocketListenOptions Listen => new(services.Options.Enabled, services.Options.Address, services.Options.Port);

    /// <summary>Connections open now that have not logged in.</summary>
    public int Unauthenticated => ConnectionCount - LoggedIn;

    private int LoggedIn => Connections.Count(c => c.Session.Authenticated);

    protected override AmiConnection Accept(TcpClient client, CancellationToken stopping)
    {
        var connection = new AmiConnection(client, services, stopping);
        if (Unauthenticated >= services.Options.MaxUnauthenticated)
        {
            logger.LogWarning("Manager client {Peer} refused: {Max} connections are waiting to log in", connection.Peer, services.Options.MaxUnauthenticated);
            connection.Refuse();
        }

        services.Metrics.Connected();
        return connection;
    }

    protected override void OnClosed(AmiConnection connection) => services.Metrics.Disconnected();
}
