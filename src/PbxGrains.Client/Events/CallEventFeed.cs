using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Events;

namespace PbxGrains.Client.Events;

/// <summary>
/// A process's window on the tenants' call events: one observer per tenant that anything in the process listens to,
/// subscribed to every hub of the tenant and renewed while it has listeners, and handed on to each local listener.
/// Works the same in a silo and in an API-only process (a plain Orleans client): observers travel over the gateway,
/// so nothing (no stream provider, no pub-sub store) has to be configured on either side.
/// </summary>
public sealed class CallEventFeed(IGrainFactory grains, ILogger<CallEventFeed> logger) : IAsyncDisposable
{
    /// <summary>How long a hub keeps a subscription that is not renewed (a dead process is forgotten after it).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>How often a live subscription is renewed; also how soon a hub lost with its silo is subscribed again.</summary>
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, TenantFeed> _tenants = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds <paramref name="listener"/> to the tenant's events. When the returned task completes, every event published
    /// after that moment reaches the listener. Dispose the result to stop.
    /// </summary>
    public async Task<IAsyncDisposable> SubscribeAsync(string tenant, ICallEventListener listener, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var feed = _tenants.GetOrAdd(tenant, t => new TenantFeed(t, grains, logger));
            if (await feed.AddAsync(listener, cancellationToken))
            {
                return new Subscription(this, feed, listener);
            }

            // It was closing as the last listener left: start afresh.
            _tenants.TryRemove(new KeyValuePair<string, TenantFeed>(tenant, feed));
        }
    }

    /// <summary>Makes every subscriber of the tenant, in every process, receive a <see cref="CallEventKind.Ping"/>.</summary>
    public Task PingAsync(string tenant, string token, DateTimeOffset at) =>
        grains.Ref<ICallEventHubGrain>(CallEventShards.KeyOf(tenant, token)).PingAsync(token, at);

    public async ValueTask DisposeAsync()
    {
        foreach (var feed in _tenants.Values)
        {
            await feed.CloseAsync();
        }

        _tenants.Clear();
    }

    private async Task RemoveAsync(TenantFeed feed, ICallEventListener listener)
    {
        if (await feed.RemoveAsync(listener))
        {
            _tenants.TryRemove(new KeyValuePair<string, TenantFeed>(feed.Tenant, feed));
        }
    }

    private sealed class Subscription(CallEventFeed owner, TenantFeed feed, ICallEventListener listener) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await owner.RemoveAsync(feed, listener);
            }
        }
    }

    /// <summary>One tenant's observer in this process. Listeners are swapped in as an immutable list, so delivery takes no lock.</summary>
    private sealed class TenantFeed(string tenant, IGrainFactory grains, ILogger logger) : ICallEventObserver
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private ImmutableArray<ICallEventListener> _listeners = [];
        private ICallEventObserver? _reference;
        private ITimer? _renewal;
        private bool _closed;

        public string Tenant => tenant;

        public Task OnEventsAsync(ImmutableArray<CallEvent> events)
        {
            foreach (var listener in _listeners)
            {
                try
                {
                    listener.OnEvents(events);
                }
                catch (Exception error)
                {
                    // One broken listener must not keep the events from the others.
                    logger.LogWarning(error, "A listener of tenant {Tenant}'s call events failed", tenant);
                }
            }

            return Task.CompletedTask;
        }

        /// <summary>False when the feed has closed meanwhile (the caller makes a new one).</summary>
        public async Task<bool> AddAsync(ICallEventListener listener, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_closed)
                {
                    return false;
                }

                if (_reference is null)
                {
                    var reference = grains.CreateObjectReference<ICallEventObserver>(this);
                    try
                    {
                        await SubscribeAllAsync(reference);
                    }
                    catch
                    {
                        grains.DeleteObjectReference<ICallEventObserver>(reference);
                        throw;
                    }

                    _reference = reference;

                    // Real time on purpose: leases are the cluster's plumbing, not part of the simulated world.
                    _renewal = TimeProvider.System.CreateTimer(_ => _ = RenewAsync(), null, RenewEvery, RenewEvery);
                }

                _listeners = _listeners.Add(listener);
                return true;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>True when this was the last listener and the feed has closed.</summary>
        public async Task<bool> RemoveAsync(ICallEventListener listener)
        {
            await _gate.WaitAsync();
            try
            {
                _listeners = _listeners.Remove(listener);
                if (!_listeners.IsEmpty || _closed)
                {
                    return false;
                }

                await CloseLockedAsync();
                return true;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task CloseAsync()
        {
            await _gate.WaitAsync();
            try
            {
                _listeners = [];
                await CloseLockedAsync();
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task CloseLockedAsync()
        {
            _closed = true;
            if (_renewal is not null)
            {
                await _renewal.DisposeAsync();
                _renewal = null;
            }

            if (_reference is { } reference)
            {
                _reference = null;
                try
                {
                    await Task.WhenAll(CallEventShards.AllKeys(tenant).Select(k => grains.Ref<ICallEventHubGrain>(k).UnsubscribeAsync(reference)));
                }
                catch (Exception error)
                {
                    // The leases run out by themselves.
                    logger.LogDebug(error, "Could not unsubscribe from tenant {Tenant}'s call events", tenant);
                }

                grains.DeleteObjectReference<ICallEventObserver>(reference);
            }
        }

        private Task SubscribeAllAsync(ICallEventObserver reference) =>
            Task.WhenAll(CallEventShards.AllKeys(tenant).Select(k => grains.Ref<ICallEventHubGrain>(k).SubscribeAsync(reference, Lease)));

        private async Task RenewAsync()
        {
            // Under the gate, so a renewal never subscribes again an observer that closing has just deleted. Never
            // waits for it: closing disposes this timer while holding the gate, and a busy gate means an add or a
            // close is under way; the next renewal comes well within the lease.
            if (!await _gate.WaitAsync(0))
            {
                return;
            }

            try
            {
                if (_closed || _reference is not { } reference)
                {
                    return;
                }

                await SubscribeAllAsync(reference);
            }
            catch (Exception error)
            {
                // The next renewal tries again, well within the lease.
                logger.LogWarning(error, "Could not renew the subscription to tenant {Tenant}'s call events", tenant);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
