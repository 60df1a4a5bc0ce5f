using System.Collections.Immutable;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PbxGrains.Abstractions.Events;
using PbxGrains.Client.Events;

namespace PbxGrains.Host.Api.Events;

/// <summary>
/// The process's tenant event streams (what the wallboard follows): one listener on the process's
/// <see cref="CallEventFeed"/> per tenant that has streams here (the feed holds one hub subscription per tenant per
/// process, shared with the AMI and Escaux event sockets), each delivery serialized once and handed to every stream of
/// the tenant. Bounded three ways: streams per tenant, streams per process, and deliveries buffered per stream (a client
/// that falls behind is cut off with <c>overrun</c>, never buffered without end). The last stream of a tenant to leave
/// ends the tenant's listener.
/// </summary>
public sealed class TenantEventStreams(
    CallEventFeed feed,
    IOptions<EventStreamOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IHostApplicationLifetime lifetime)
{
    public const string CallsEvent = "calls";
    public const string ReadyEvent = "ready";
    public const string PingEvent = "ping";
    public const string OverrunEvent = "overrun";

    private readonly EventStreamOptions _options = options.Value;
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    // Joins and leaves are rare next to events: one gate keeps the counts and a tenant's subscribe and unsubscribe in order.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TenantBoard> _tenants = new(StringComparer.Ordinal);
    private int _streams;

    /// <summary>Open streams of <paramref name="tenant"/> in this process.</summary>
    public int StreamsOf(string tenant)
    {
        lock (_tenants)
        {
            return _tenants.TryGetValue(tenant, out var board) ? board.Count : 0;
        }
    }

    /// <summary>
    /// Opens a stream on the tenant's events: every event published after this returns reaches it. Null with the reason
    /// when a limit is reached. Dispose the stream to leave.
    /// </summary>
    public async Task<(EventStream? Stream, string? Refusal)> OpenAsync(string tenant, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_streams >= _options.MaxStreams)
            {
                return (null, $"this process has {_streams} event streams open, its limit ({EventStreamOptions.SectionName}:MaxStreams); try again later");
            }

            TenantBoard? board;
            lock (_tenants)
            {
                _tenants.TryGetValue(tenant, out board);
            }

            if (board is not null && board.Count >= _options.MaxStreamsPerTenant)
            {
                return (null, $"tenant {tenant} has {board.Count} event streams open in this process, its limit " +
                    $"({EventStreamOptions.SectionName}:MaxStreamsPerTenant); close one (another browser tab?) or try again later");
            }

            if (board is null)
            {
                board = new TenantBoard(_json);
                board.Subscription = await feed.SubscribeAsync(tenant, board, cancellationToken);
                lock (_tenants)
                {
                    _tenants[tenant] = board;
                }
            }

            var stream = new EventStream(this, tenant, board, _options, lifetime.ApplicationStopping);
            board.Add(stream);
            _streams++;
            return (stream, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LeaveAsync(string tenant, TenantBoard board, EventStream stream)
    {
        await _gate.WaitAsync();
        try
        {
            if (!board.Remove(stream, out var last))
            {
                return;
            }

            _streams--;
            if (!last)
            {
                return;
            }

            lock (_tenants)
            {
                _tenants.Remove(tenant);
            }

            if (board.Subscription is { } subscription)
            {
                await subscription.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One client's stream: a bounded queue of serialized deliveries, read by the request that serves it.</summary>
    public sealed class EventStream : IAsyncDisposable
    {
        private readonly TenantEventStreams _owner;
        private readonly string _tenant;
        private readonly TenantBoard _board;
        private readonly EventStreamOptions _options;
        private readonly CancellationToken _stopping;
        private readonly Channel<string> _queue;
        private int _overrun;
        private int _disposed;

        internal EventStream(TenantEventStreams owner, string tenant, TenantBoard board, EventStreamOptions options, CancellationToken stopping)
        {
            _owner = owner;
            _tenant = tenant;
            _board = board;
            _options = options;
            _stopping = stopping;
            _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(options.BufferedBatches)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        /// <summary>Called on the delivering thread: never waits. A full buffer ends the stream (see <see cref="EventStreamOptions.BufferedBatches"/>).</summary>
        internal void Offer(string batch)
        {
            if (!_queue.Writer.TryWrite(batch) && Interlocked.Exchange(ref _overrun, 1) == 0)
            {
                _queue.Writer.TryComplete();
            }
        }

        /// <summary>
        /// The events to send: <c>ready</c> first, then one <c>calls</c> event per delivery (a JSON array), a <c>ping</c>
        /// when idle, and <c>overrun</c> last if the client fell behind. Ends when the client goes or the host stops.
        /// </summary>
        public async IAsyncEnumerable<SseItem<string>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping);
            yield return Item(ReadyEvent, new StreamReadyResponse(_tenant, _options.HeartbeatSeconds, _options.BufferedBatches));

            var heartbeat = TimeSpan.FromSeconds(_options.HeartbeatSeconds);
            while (!ended.IsCancellationRequested)
            {
                bool more;
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(ended.Token))
                {
                    idle.CancelAfter(heartbeat);
                    try
                    {
                        more = await _queue.Reader.WaitToReadAsync(idle.Token);
                    }
                    catch (OperationCanceledException) when (!ended.IsCancellationRequested)
                    {
                        more = true;
                    }
                    catch (OperationCanceledException)
                    {
                        yield break;
                    }
                }

                if (!more)
                {
                    if (Volatile.Read(ref _overrun) == 1)
                    {
                        yield return Item(OverrunEvent, new StreamOverrunResponse(
                            $"the client fell {_options.BufferedBatches} deliveries behind; read a new snapshot and reconnect"));
                    }

                    yield break;
                }

                if (!_queue.Reader.TryRead(out var batch))
                {
                    yield return new SseItem<string>("{}", PingEvent);
                    continue;
                }

                yield return new SseItem<string>(batch, CallsEvent);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _queue.Writer.TryComplete();
                await _owner.LeaveAsync(_tenant, _board, this);
            }
        }

        private SseItem<string> Item<T>(string type, T value) => new(JsonSerializer.Serialize(value, _owner._json), type);
    }

    /// <summary>One tenant's listener in this process: serializes each delivery once for all of the tenant's streams.</summary>
    internal sealed class TenantBoard(JsonSerializerOptions json) : ICallEventListener
    {
        private readonly Lock _sync = new();
        private ImmutableArray<EventStream> _streams = [];

        public IAsyncDisposable? Subscription { get; set; }

        public int Count => _streams.Length;

        public void Add(EventStream stream)
        {
            lock (_sync)
            {
                _streams = _streams.Add(stream);
            }
        }

        /// <summary>False when the stream was not here; <paramref name="last"/> says whether it was the last.</summary>
        public bool Remove(EventStream stream, out bool last)
        {
            lock (_sync)
            {
                var before = _streams.Length;
                _streams = _streams.Remove(stream);
                last = _streams.IsEmpty;
                return _streams.Length != before;
            }
        }

        public void OnEvents(ImmutableArray<CallEvent> events)
        {
            var streams = _streams;
            if (streams.IsEmpty)
            {
                return;
            }

            // Pings prove the feed to the event sockets' tests; they say nothing about the tenant's calls.
            var shown = events.Where(e => e.Kind != CallEventKind.Ping).Select(e => e.AsResponse()).ToArray();
            if (shown.Length == 0)
            {
                return;
            }

            var batch = JsonSerializer.Serialize(shown, json);
            foreach (var stream in streams)
            {
                stream.Offer(batch);
            }
        }
    }
}
