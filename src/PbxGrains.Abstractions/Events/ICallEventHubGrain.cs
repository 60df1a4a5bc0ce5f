using System.Collections.Immutable;
using Orleans.Concurrency;

namespace PbxGrains.Abstractions.Events;

/// <summary>
/// One shard of a tenant's event feed (key <c>{tenant}/{shard}</c>, see <see cref="CallEventShards"/>). Calls publish
/// one way; subscribers hold leases they renew, so a subscriber that died is forgotten and a hub lost with its silo
/// is rebuilt by the next renewal. The hub awaits nothing: it is a leaf of the waiting graph.
/// </summary>
[Alias("pbx.ICallEventHubGrain")]
public interface ICallEventHubGrain : IGrainWithStringKey
{
    /// <summary>One way, so a call's turn never waits for its events to be delivered.</summary>
    [OneWay, Alias("Publish")]
    Task PublishAsync(ImmutableArray<CallEvent> events);

    /// <summary>Adds or renews <paramref name="observer"/> for <paramref name="lease"/>.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(ICallEventObserver observer, TimeSpan lease);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(ICallEventObserver observer);

    /// <summary>
    /// A PBX restart (an incident): the hub passes on no event that happened before <paramref name="until"/> (simulated
    /// time), as a restarting PBX sends none; events come back after it. Awaited (the hub awaits nothing): the
    /// restart's hang-ups come from other grains, and must find the hub silent already.
    /// </summary>
    [Alias("SilenceUntil")]
    Task SilenceUntilAsync(DateTimeOffset until);

    /// <summary>Sends a <see cref="CallEventKind.Ping"/> to every subscriber; returns once it is on its way.</summary>
    [Alias("Ping")]
    Task PingAsync(string token, DateTimeOffset at);
}
