using System.Net;
using System.Net.Sockets;

namespace PbxGrains.Tests.Shared.Processes;

/// <summary>
/// Loopback ports for servers a test starts (a child process, an in-process host), which bind them a moment later.
/// </summary>
public static class FreePorts
{
    // Below Linux's ephemeral range (32768-60999 by default). A port the OS picks (bind to 0) comes from that range, and
    // so does the local port of every outgoing connection: released until the server binds it, it could be taken by any
    // connection on the machine meanwhile (CI saw a silo's gateway fail with "address already in use").
    private const int First = 20000;
    private const int Last = 32767;
    private const int Attempts = 1000;

    // The ports this process has handed out: one that is not bound yet (its server is still starting) looks free, and
    // must not be handed out twice. Static on purpose: every fixture of the process shares the one port space.
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A loopback port nobody listens on now, and that this process has not handed out before.</summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var port = Random.Shared.Next(First, Last + 1);
                if (!HandedOut.Contains(port) && Free(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last} in {Attempts} attempts.");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
