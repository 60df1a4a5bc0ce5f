using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Surfaces.Hosting;

namespace PbxGrains.Surfaces.Sockets;

/// <summary>
/// A surface's own TCP socket (Escaux's event socket, AMI): listens while the host runs, serves each consumer with its
/// own <typeparamref name="TConnection"/>, and on stopping closes every connection before the host goes on. It opens
/// nothing in a process that serves no API (<see cref="SurfaceHostingOptions.OpenSockets"/>), and a port that cannot be
/// opened is logged and the host runs on without the socket.
/// </summary>
public abstract class SocketSurfaceServer<TConnection>(IOptions<SurfaceHostingOptions> hosting, ILogger logger) : BackgroundService
    where TConnection : ISocketConnection
{
    private readonly ConcurrentDictionary<TConnection, Task> _connections = new();
    private TcpListener? _listener;
    private long _overflows;

    /// <summary>The address the socket listens on (with the port taken when the configured one is 0), or null when closed.</summary>
    public IPEndPoint? LocalEndpoint { get; private set; }

    /// <summary>Consumers dropped so far for falling behind.</summary>
    public long OverflowDisconnects => Interlocked.Read(ref _overflows);

    public int ConnectionCount => _connections.Count;

    /// <summary>The connections being served.</summary>
    protected ICollection<TConnection> Connections => _connections.Keys;

    /// <summary>The socket's name in log lines ("Escaux event socket").</summary>
    protected abstract string SocketName { get; }

    protected abstract SocketListenOptions Listen { get; }

    /// <summary>The connection that serves a consumer just accepted.</summary>
    protected abstract TConnection Accept(TcpClient client, CancellationToken stopping);

    /// <summary>Called once a connection has ended and been disposed (counters, limits).</summary>
    protected virtual void OnClosed(TConnection connection)
    {
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var listen = Listen;
        if (listen.Enabled && hosting.Value.OpenSockets)
        {
            // Bound before the host reports started, so a client (or a test) can connect as soon as it has.
            try
            {
                var listener = new TcpListener(listen.ListenAddress, listen.Port);
                listener.Start();
                _listener = listener;
                LocalEndpoint = (IPEndPoint)listener.LocalEndpoint;
                logger.LogInformation("{Socket} listening on {Endpoint}", SocketName, LocalEndpoint);
            }
            catch (SocketException error)
            {
                logger.LogError(error, "{Socket} cannot listen on {Address}:{Port}; running without it", SocketName, listen.Address, listen.Port);
            }
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_listener is not { } listener)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stoppingToken);
                var connection = Accept(client, stoppingToken);
                var served = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _connections[connection] = served.Task;
                _ = ServeAsync(connection, served);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            listener.Stop();
            LocalEndpoint = null;

            // Graceful: every connection is closed and unsubscribed before the host goes on stopping.
            await Task.WhenAll(_connections.Values);
        }
    }

    private async Task ServeAsync(TConnection connection, TaskCompletionSource served)
    {
        await Task.Yield();
        try
        {
            await connection.RunAsync();
        }
        finally
        {
            if (connection.Overflowed)
            {
                Interlocked.Increment(ref _overflows);
            }

            await connection.DisposeAsync();
            _connections.TryRemove(connection, out _);
            OnClosed(connection);
            served.TrySetResult();
        }
    }
}
