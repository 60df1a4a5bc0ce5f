using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Client;
using PbxGrains.Client.Events;
using PbxGrains.Surfaces.Faults;
using PbxGrains.Surfaces.Sockets;

namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>
/// One consumer of the event socket. Events are rendered as they arrive and put in a bounded outbox, never awaited:
/// when the consumer falls <see cref="EventSocketOptions.BufferEvents"/> behind (slow, or dead with a full TCP window),
/// the connection is dropped with a log line, so nothing upstream ever waits for it. The connection starts on the
/// default tenant, unless that one needs a password; a line <c>tenant {id}</c>, or <c>tenant {id} {password}</c> for a
/// tenant that needs one (<see cref="EventSocketAccess"/>), moves it to another one (answered by <c>evTenant</c>; every
/// event after that answer is the new tenant's). A tenant that does not exist and one refused for its password are
/// answered alike (<c>Result</c> 1, then the connection closes).
/// </summary>
public sealed class EventSocketConnection : ISocketConnection
{
    private const int MaxLineBytes = 256;

    private readonly TcpClient _client;
    private readonly CallEventFeed _feed;
    private readonly EventSocketTenants _tenants;
    private readonly ILogger _logger;
    private readonly SocketOutbox _outbox;
    private readonly CancellationTokenSource _stop;
    private readonly Lock _sync = new();
    private readonly string _peer;
    private readonly SocketFaults _faults;
    private Binding? _current;
    private IAsyncDisposable? _subscription;
    private int _overflowed;

    internal EventSocketConnection(TcpClient client, CallEventFeed feed, EventSocketTenants tenants, EventSocketOptions options,
        FaultInjector faults, PbxClock clock, ILogger logger, CancellationToken shutdown)
    {
        _client = client;
        _feed = feed;
        _tenants = tenants;
        _logger = logger;
        _peer = client.Client.RemoteEndPoint?.ToString() ?? "?";
        _faults = new SocketFaults(faults, clock, "escaux", "events", (client.Client.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "");
        _outbox = new SocketOutbox(options.BufferEvents);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        if (options.SendBufferBytes > 0)
        {
            client.SendBufferSize = options.SendBufferBytes;
        }

        client.NoDelay = true;
    }

    /// <summary>True once the connection was dropped for falling behind.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) == 1;

    public string Tenant => _current?.Tenant ?? "";

    public async Task RunAsync()
    {
        var stream = _client.GetStream();
        try
        {
            if (await _tenants.IsOpenAsync(_tenants.DefaultTenant))
            {
                await BindAsync(_tenants.DefaultTenant, answer: false);
            }

            var writing = WriteAsync(stream);
            var reading = ReadAsync(stream);
            var faulting = _faults.WatchAsync(() => (_current?.Tenant, null), _stop.Token);
            if (await Task.WhenAny(writing, reading, faulting) == faulting && faulting.IsCompletedSuccessfully)
            {
                await InjectAsync(faulting.Result, writing);
            }

            await _stop.CancelAsync();
            await Task.WhenAll(Quietly(writing), Quietly(reading), Quietly(faulting));
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The consumer went away or the host is stopping.
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Event socket connection from {Peer} failed", _peer);
        }
    }

    /// <summary>
    /// An injected fault ends the connection: a reset (RST, no goodbye), or the first half of an event and then the end
    /// of the stream (a consumer's parser meets a truncated element).
    /// </summary>
    private async Task InjectAsync(FaultRule rule, Task writing)
    {
        _logger.LogInformation("Event socket connection from {Peer} (tenant {Tenant}) ends by fault {Rule}: {Kind}", _peer, Tenant, rule.Id, FaultNames.Of(rule.Kind));
        if (rule.Kind == FaultKind.MalformedBody)
        {
            lock (_sync)
            {
                _current = null;
                _outbox.TryWrite(FaultBodies.Truncated(Encoding.UTF8.GetBytes(EscauxEventXml.TenantAnswer(Tenant, ok: true))).ToArray());
                _outbox.Complete();
            }

            await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(5), _stop.Token));
            return;
        }

        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Client.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_subscription is not null)
        {
            try
            {
                await _subscription.DisposeAsync();
            }
            catch (Exception error)
            {
                _logger.LogDebug(error, "Event socket connection from {Peer} could not unsubscribe", _peer);
            }
        }

        _client.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// Subscribes to <paramref name="tenant"/> and makes it current. Events of the new tenant that arrive before the
    /// switch are held and sent right after the answer, so none is lost and none of the old tenant follows the answer.
    /// </summary>
    private async Task BindAsync(string tenant, bool answer)
    {
        var binding = new Binding(this, tenant);
        var subscription = await _feed.SubscribeAsync(tenant, binding, _stop.Token);
        IAsyncDisposable? previous;
        lock (_sync)
        {
            _current = binding;
            if (answer)
            {
                Enqueue(EscauxEventXml.TenantAnswer(tenant, ok: true));
            }

            binding.Activate();
            previous = _subscription;
            _subscription = subscription;
        }

        if (previous is not null)
        {
            await previous.DisposeAsync();
        }

        _logger.LogDebug("Event socket connection from {Peer} follows tenant {Tenant}", _peer, tenant);
    }

    private void Deliver(Binding binding, ImmutableArray<CallEvent> events)
    {
        lock (_sync)
        {
            if (binding != _current)
            {
                return;
            }

            foreach (var e in events)
            {
                foreach (var xml in EscauxEventXml.Render(e))
                {
                    Enqueue(xml);
                }
            }
        }
    }

    /// <summary>Never waits: a full outbox means the consumer cannot keep up, and it is dropped.</summary>
    private void Enqueue(string xml)
    {
        if (_outbox.TryWrite(Encoding.UTF8.GetBytes(xml)) || Overflowed)
        {
            return;
        }

        Volatile.Write(ref _overflowed, 1);
        _logger.LogWarning("Event socket consumer {Peer} (tenant {Tenant}) fell more than {Events} events behind and is disconnected",
            _peer, _current?.Tenant, _outbox.Count);
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

    private Task WriteAsync(NetworkStream stream) => _outbox.SendAsync(stream, _stop.Token);

    /// <summary>Reads the consumer's lines: <c>tenant {id} [{password}]</c> moves the connection; anything else is ignored.</summary>
    private Task ReadAsync(NetworkStream stream) =>
        SocketLineReader.ReadLinesAsync(stream, MaxLineBytes, async line => await OnLineAsync(line.Trim()), onTooLong: null, _stop.Token);

    /// <summary>False ends the connection (a tenant that does not exist, or that this consumer may not follow).</summary>
    private async Task<bool> OnLineAsync(string line)
    {
        // The password is the rest of the line, so it may hold spaces.
        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || !parts[0].Equals("tenant", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var tenant = parts[1];
        var password = parts.Length == 3 ? parts[2] : null;
        if (!TenantKey.IsValidTenantId(tenant) || !await _tenants.AdmitsAsync(tenant, password))
        {
            lock (_sync)
            {
                _current = null;
                _outbox.TryWrite(Encoding.UTF8.GetBytes(EscauxEventXml.TenantAnswer(tenant, ok: false)));
                _outbox.Complete();
            }

            _logger.LogInformation("Event socket consumer {Peer} was refused tenant {Tenant} (it does not exist, or the password was missing or wrong)", _peer, tenant);

            // The writer sends the answer and ends; this side waits for that (or for the host to stop), so the
            // answer is not cut off.
            await Task.WhenAny(_outbox.Completion, Task.Delay(Timeout.Infinite, _stop.Token));
            return false;
        }

        await BindAsync(tenant, answer: true);
        return true;
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

    /// <summary>The connection's tie to one tenant; events from a binding that is no longer current are dropped.</summary>
    private sealed class Binding(EventSocketConnection owner, string tenant) : ICallEventListener
    {
        private List<ImmutableArray<CallEvent>>? _held = [];

        public string Tenant => tenant;

        public void OnEvents(ImmutableArray<CallEvent> events)
        {
            lock (owner._sync)
            {
                if (_held is not null)
                {
                    _held.Add(events);
                    return;
                }
            }

            owner.Deliver(this, events);
        }

        /// <summary>Under the owner's lock: sends what arrived while subscribing, then passes events straight on.</summary>
        public void Activate()
        {
            var held = _held ?? [];
            _held = null;
            foreach (var events in held)
            {
                owner.Deliver(this, events);
            }
        }
    }
}
