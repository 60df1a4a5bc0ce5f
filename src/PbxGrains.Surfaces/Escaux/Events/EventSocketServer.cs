using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Events;
using PbxGrains.Client.Events;
using PbxGrains.Surfaces.Hosting;

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
    ILogger<EventSocketServer> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<EventSocketConnection, Task> _connections = new();
    private TcpListener? _listener;
    private long _overflows;

    /// <summary>The address the socket listens on (its port when <see cref="EventSocketOptions.Port"/> is 0), or null when closed.</summary>
    public IPEndPoint? LocalEndpoint { get; private set; }

    /// <summary>Consumers dropped so far for falling behind.</summary>
    public long OverflowDisconnects => Interlocked.Read(ref _overflows);

    public int ConnectionCount => _connections.Count;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Enabled && hosting.Value.OpenSockets)
        {
            // Bound before the host reports started, so a client (or a test) can connect as soon as it has.
            try
            {
                var listener = new TcpListener(settings.ListenAddress, settings.Port);
                listener.Start();
                _listener = listener;
                LocalEndpoint = (IPEndPoint)listener.LocalEndpoint;
                logger.LogInformation("Escaux event socket listening on {Endpoint}", LocalEndpoint);
            }
            catch (SocketException error)
            {
                logger.LogError(error, "Escaux event socket cannot listen on {Address}:{Port}; running without it", settings.Address, settings.Port);
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
                var connection = new EventSocketConnection(client, feed, tenants, options.Value, logger, stoppingToken);
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

    private async Task ServeAsync(EventSocketConnection connection, TaskCompletionSource served)
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
            served.TrySetResult();
        }
    }
}
