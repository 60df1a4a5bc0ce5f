using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Surfaces.Faults;
using PbxGrains.Surfaces.Sockets;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// One manager client: the banner first, then packets read and answered one at a time, in order (as Asterisk serves a
/// session), and the tenant's events after login. Answers and events share one bounded outbox that is never awaited:
/// a client that falls <see cref="AmiOptions.BufferEvents"/> (or <see cref="AmiOptions.BufferBytes"/>) behind is
/// dropped with a log line, so nothing upstream ever waits for it.
/// </summary>
public sealed class AmiConnection : ISocketConnection, IAmiEventSink
{
    /// <summary>Asterisk's manager reads lines into a 1024-byte buffer and drops a longer line.</summary>
    public const int MaxLineBytes = 1024;

    private readonly TcpClient _client;
    private readonly AmiServices _services;
    private readonly SocketOutbox _outbox;
    private readonly CancellationTokenSource _stop;
    private readonly string _peer;
    private readonly SocketFaults _faults;
    private readonly Lock _watchersSync = new();
    private readonly Lock _deliverySync = new();
    private List<AmiOriginateWatch> _watchers = [];
    private IAsyncDisposable? _events;
    private int _overflowed;
    private bool _closing;
    private bool _refused;

    internal AmiConnection(TcpClient client, AmiServices services, CancellationToken shutdown)
    {
        _client = client;
        _services = services;
        var options = services.Options;
        _peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
        _faults = new SocketFaults(services.Faults, services.Pbx.Clock, AmiFaults.Surface, AmiFaults.ConnectionEndpoint,
            (client.Client.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "");
        _outbox = new SocketOutbox(options.BufferEvents, options.BufferBytes);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        if (options.SendBufferBytes > 0)
        {
            client.SendBufferSize = options.SendBufferBytes;
        }

        client.NoDelay = true;
    }

    public AmiSession Session { get; } = new();

    public AmiServices Services => _services;

    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    public string Peer => _peer;

    public CancellationToken Stopping => _stop.Token;

    /// <summary>Closes the connection before anything is read or sent (a limit was reached).</summary>
    public void Refuse() => _refused = true;

    public async Task RunAsync()
    {
        if (_refused)
        {
            return;
        }

        var stream = _client.GetStream();
        try
        {
            Send(Encoding.ASCII.GetBytes($"Asterisk Call Manager/{_services.Options.ManagerVersion}\r\n"));
            var writing = _outbox.SendAsync(stream, _stop.Token);
            var reading = ReadAsync(stream);
            _ = CloseUnlessLoggedInAsync();
            var faulting = _faults.WatchAsync(() => Session.Authenticated ? (Session.Tenant, Session.User) : (null, null), _stop.Token);
            if (await Task.WhenAny(writing, reading, faulting) == faulting && faulting.IsCompletedSuccessfully)
            {
                InjectConnectionFault(faulting.Result);
            }

            if (_closing)
            {
                // Logoff or a refused login: the answer is sent before the connection closes.
                _outbox.Complete();
                await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(5), _stop.Token));
            }

            await _stop.CancelAsync();
            await Task.WhenAll(Quietly(writing), Quietly(reading), Quietly(faulting));
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away or the host is stopping.
        }
        catch (Exception error)
        {
            _services.Logger.LogWarning(error, "Manager connection from {Peer} failed", _peer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_events is not null)
        {
            try
            {
                await _events.DisposeAsync();
            }
            catch (Exception error)
            {
                _services.Logger.LogDebug(error, "Manager connection from {Peer} could not leave its tenant's events", _peer);
            }
        }

        _client.Dispose();
        _stop.Dispose();
    }

    /// <summary>Queues bytes for the client; never waits. A full outbox drops the client.</summary>
    public void Send(byte[] bytes)
    {
        if (_outbox.TryWrite(bytes) || Overflowed)
        {
            return;
        }

        Volatile.Write(ref _overflowed, 1);
        var dropped = _outbox.Count + 1;
        _services.Metrics.SlowConsumer(dropped);
        _services.Logger.LogWarning(
            "Manager client {Peer} ({User}@{Tenant}) fell {Events} events ({Bytes} bytes) behind and is disconnected",
            _peer, Session.User, Session.Tenant, _outbox.Count, _outbox.Bytes);
        _outbox.Complete();
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection closed meanwhile: nothing left to stop.
        }
    }

    public void Send(AmiPacket packet) => Send(packet.ToBytes());

    /// <summary>Closes the connection now, whatever is still queued for it (an injected fault).</summary>
    public void Drop()
    {
        _outbox.Complete();
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection closed meanwhile.
        }
    }

    /// <summary>A fault on the connection itself (by time, not by action): reset now, or a message cut off and the end.</summary>
    private void InjectConnectionFault(FaultRule rule)
    {
        _services.Logger.LogInformation("Manager connection {Peer} ({User}@{Tenant}) ends by fault {Rule}: {Kind}",
            _peer, Session.User, Session.Tenant, rule.Id, FaultNames.Of(rule.Kind));
        if (rule.Kind == FaultKind.MalformedBody)
        {
            Send(Encoding.ASCII.GetBytes("Event: Newch"));
            _closing = true;
            return;
        }

        _client.Client.LingerState = new LingerOption(true, 0);
        Drop();
    }

    /// <summary>After the current answer, the connection closes (Logoff, a refused login).</summary>
    public void CloseAfterAnswer() => _closing = true;

    /// <summary>Joins the tenant's event stream; events reach the client once it has logged in (<see cref="LoggedIn"/>).</summary>
    public async Task FollowEventsAsync(string tenant) => _events = await _services.Streams.JoinAsync(tenant, this, _stop.Token);

    /// <summary>
    /// Makes the session logged in and queues its answer in one step with respect to event delivery: no event comes
    /// before the answer, and every event after it is sent. <paramref name="booted"/> (FullyBooted) follows the answer
    /// when the session's events have the system class, as in Asterisk.
    /// </summary>
    public void LoggedIn(string tenant, AmiUser user, AmiPermission? eventMask, AmiPacket answer, AmiPacket booted)
    {
        lock (_deliverySync)
        {
            Session.LoggedIn(tenant, user);
            if (eventMask is { } mask)
            {
                Session.SetEventMask(mask);
            }

            Send(answer);
            if ((Session.SendEvents & AmiPermission.System) != 0)
            {
                Send(booted);
            }
        }
    }

    /// <summary>Watches the tenant's calls for an originate's outcome; the watch ends itself.</summary>
    public void Watch(AmiOriginateWatch watch)
    {
        lock (_watchersSync)
        {
            _watchers = [.. _watchers, watch];
        }

        watch.Ended.ContinueWith(
            _ =>
            {
                lock (_watchersSync)
                {
                    _watchers = [.. _watchers.Where(w => w != watch)];
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public void Deliver(ImmutableArray<CallEvent> events, IReadOnlyList<AmiEvent> rendered, IReadOnlyList<int> ends)
    {
        lock (_deliverySync)
        {
            DeliverLocked(events, rendered, ends);
        }
    }

    private void DeliverLocked(ImmutableArray<CallEvent> events, IReadOnlyList<AmiEvent> rendered, IReadOnlyList<int> ends)
    {
        if (Overflowed || !Session.Authenticated)
        {
            return;
        }

        var watchers = _watchers;
        var sent = 0;
        var next = 0;
        for (var i = 0; i < events.Length; i++)
        {
            sent += SendWanted(rendered, next, ends[i]);
            next = ends[i];

            // After the events of the change that settled an originate, as Asterisk sends OriginateResponse when the
            // originated channel answers, before its dialplan goes on.
            foreach (var watch in watchers)
            {
                watch.Seen(events[i]);
            }
        }

        sent += SendWanted(rendered, next, rendered.Count);
        if (sent > 0)
        {
            _services.Metrics.EventsSent(sent);
        }
    }

    private int SendWanted(IReadOnlyList<AmiEvent> rendered, int from, int to)
    {
        var sent = 0;
        for (var i = from; i < to; i++)
        {
            if (Session.Wants(rendered[i]))
            {
                Send(rendered[i].Bytes);
                sent++;
            }
        }

        return sent;
    }

    private async Task ReadAsync(NetworkStream stream)
    {
        var headers = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        await SocketLineReader.ReadLinesAsync(stream, MaxLineBytes, async line =>
        {
            if (line.Length > 0)
            {
                if (headers.Count < AmiMessage.MaxHeaders && AmiMessage.ParseLine(line) is { } header)
                {
                    headers.Add(header);
                }

                return true;
            }

            if (headers.Count == 0)
            {
                return true;
            }

            var message = new AmiMessage(headers.ToImmutable());
            headers.Clear();
            await AmiActions.DispatchAsync(this, message);
            return !_closing;
        },
        () => _services.Logger.LogWarning("Manager client {Peer} sent a line longer than {Bytes} bytes; it was dropped", _peer, MaxLineBytes),
        _stop.Token);
    }

    /// <summary>Asterisk's <c>authtimeout</c>: a client that has not logged in by then is disconnected.</summary>
    private async Task CloseUnlessLoggedInAsync()
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, _services.Options.AuthTimeoutSeconds)), _stop.Token);
            if (!Session.Authenticated)
            {
                _services.Logger.LogInformation("Manager client {Peer} did not log in within {Seconds} s and is disconnected", _peer, _services.Options.AuthTimeoutSeconds);
                await _stop.CancelAsync();
            }
        }
        catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException or System.Threading.Channels.ChannelClosedException)
        {
        }
    }
}
