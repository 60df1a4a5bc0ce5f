using System.Net;

namespace PbxGrains.Surfaces.Sockets;

/// <summary>Where a socket surface listens: what every socket surface's options say about it.</summary>
/// <param name="Enabled">False: no socket is opened.</param>
/// <param name="Address">An IP address; <c>0.0.0.0</c> is every interface.</param>
/// <param name="Port">0 takes a free port (tests).</param>
public sealed record class SocketListenOptions(bool Enabled, string Address, int Port)
{
    public IPAddress ListenAddress => IPAddress.TryParse(Address, out var address)
        ? address
        : throw new InvalidOperationException($"'{Address}' is not an IP address.");
}
