using System.Collections.Immutable;
using PbxGrains.Abstractions.Events;

namespace PbxGrains.Client.Events;

/// <summary>Something in this process that wants a tenant's call events. Called on the delivering thread: it must not block.</summary>
public interface ICallEventListener
{
    void OnEvents(ImmutableArray<CallEvent> events);
}
