using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Events;
using PbxGrains.Client.Events;

namespace PbxGrains.Surfaces.Ami;

/// <summary>A logged-in session that follows its tenant's events.</summary>
public interface IAmiEventSink
{
    /// <summary>
    /// The call events of one delivery and the manager events they became, in order: those of <c>events[i]</c> end
    /// before <c>rendered[ends[i]]</c>, and any after the last end are not the call model's (a UserEvent). Called under
    /// the tenant stream's lock, so every session sees one order; it must not block and must not keep the lists.
    /// </summary>
    void Deliver(ImmutableArray<CallEvent> events, IReadOnlyList<AmiEvent> rendered, IReadOnlyList<int> ends);
}

/// <summary>
/// The process's manager event streams: one subscription to the call-event feed per tenant that has sessions here, one
/// <see cref="AmiCallTranslator"/> per tenant, and each event rendered once for every session of the tenant (a
/// thousand consumers of a tenant cost one translation, not a thousand).
/// </summary>
public sealed class AmiEventStreams(CallEventFeed feed, ILogger<AmiEventStreams> logger)
{
    // Joins and leaves are rare next to events: one gate keeps a tenant's subscribe and unsubscribe from crossing.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TenantStream> _tenants = new(StringComparer.Ordinal);

    /// <summary>Sessions of <paramref name="tenant"/> in this process.</summary>
    public int SessionsOf(string tenant)
    {
        lock (_tenants)
        {
            return _tenants.TryGetValue(tenant, out var stream) ? stream.Sinks.Length : 0;
        }
    }

    /// <summary>Adds a session to its tenant's stream; dispose the result to leave it.</summary>
    public async Task<IAsyncDisposable> JoinAsync(string tenant, IAmiEventSink sink, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            TenantStream? stream;
            lock (_tenants)
            {
                _tenants.TryGetValue(tenant, out stream);
            }

            if (stream is null)
            {
                stream = new TenantStream(tenant, logger);
                stream.Subscription = await feed.SubscribeAsync(tenant, stream, cancellationToken);
                lock (_tenants)
                {
                    _tenants[tenant] = stream;
                }
            }

            stream.Add(sink);
            return new Membership(this, stream, sink);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends an event that is not the call model's (a <c>UserEvent</c>) to every session of the tenant in this process.</summary>
    public void Publish(string tenant, AmiEvent e)
    {
        TenantStream? stream;
        lock (_tenants)
        {
            _tenants.TryGetValue(tenant, out stream);
        }

        stream?.Publish(e);
    }

    private async Task LeaveAsync(TenantStream stream, IAmiEventSink sink)
    {
        await _gate.WaitAsync();
        try
        {
            if (!stream.Remove(sink))
            {
                return;
            }

            lock (_tenants)
            {
                _tenants.Remove(stream.Tenant);
            }

            if (stream.Subscription is { } subscription)
            {
                await subscription.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Membership(AmiEventStreams owner, TenantStream stream, IAmiEventSink sink) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await owner.LeaveAsync(stream, sink);
            }
        }
    }

    /// <summary>One tenant's stream in this process: its translator and its sessions.</summary>
    private sealed class TenantStream(string tenant, ILogger logger) : ICallEventListener
    {
        private readonly Lock _sync = new();
        private readonly AmiCallTranslator _translator = new();
        private readonly List<AmiEvent> _rendered = [];
        private readonly List<int> _ends = [];

        public string Tenant => tenant;

        public IAsyncDisposable? Subscription { get; set; }

        public ImmutableArray<IAmiEventSink> Sinks { get; private set; } = [];

        public void Add(IAmiEventSink sink)
        {
            lock (_sync)
            {
                Sinks = Sinks.Add(sink);
            }
        }

        /// <summary>True when that was the last session.</summary>
        public bool Remove(IAmiEventSink sink)
        {
            lock (_sync)
            {
                Sinks = Sinks.Remove(sink);
                return Sinks.IsEmpty;
            }
        }

        public void OnEvents(ImmutableArray<CallEvent> events)
        {
            lock (_sync)
            {
                _rendered.Clear();
                _ends.Clear();
                foreach (var e in events)
                {
                    try
                    {
                        _translator.Translate(e, _rendered);
                    }
                    catch (Exception error)
                    {
                        // One event the translator cannot follow must not stop the stream.
                        logger.LogWarning(error, "Tenant {Tenant}'s call event {Kind} could not be turned into manager events", tenant, e.Kind);
                    }

                    _ends.Add(_rendered.Count);
                }

                foreach (var sink in Sinks)
                {
                    sink.Deliver(events, _rendered, _ends);
                }
            }
        }

        public void Publish(AmiEvent e)
        {
            lock (_sync)
            {
                foreach (var sink in Sinks)
                {
                    sink.Deliver([], [e], []);
                }
            }
        }
    }
}
