using System.Collections.Immutable;
using Orleans.Concurrency;

namespace PbxGrains.Abstractions.Events;

/// <summary>
/// Receives a tenant's call events in a process that wants them (an API process with event sockets). An observer over
/// the gateway: a plain Orleans client can be one, with no stream provider configured anywhere.
/// </summary>
[Alias("pbx.ICallEventObserver")]
public interface ICallEventObserver : IGrainObserver
{
    /// <summary>One way: a hub never waits for a subscriber, however slow or dead it is.</summary>
    [OneWay, Alias("OnEvents")]
    Task OnEventsAsync(ImmutableArray<CallEvent> events);
}
