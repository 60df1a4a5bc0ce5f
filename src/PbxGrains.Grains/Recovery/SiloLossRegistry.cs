using System.Collections.Concurrent;

namespace PbxGrains.Grains.Recovery;

/// <summary>
/// The activations of this silo that hold another grain's live facts (<see cref="Abstractions.Interfaces.ISiloLossListener"/>),
/// so that the silo can tell them when another silo is lost. A per-silo read model of local activations: filled as
/// they receive calls, emptied as they deactivate, and never a source of truth.
/// <para>
/// It learns of deactivations as an observer of the silo's activation working set rather than through each
/// activation's <c>Deactivated</c> task: awaiting that task costs every listener (most of them per-call grains) a task,
/// a continuation and the runtime's deactivation record, about 600 bytes per activation kept for its whole life.
/// </para>
/// </summary>
public sealed class SiloLossRegistry : IActivationWorkingSetObserver
{
    private readonly ConcurrentDictionary<GrainId, ActivationId> _listeners = new();

    public int Count => _listeners.Count;

    public IReadOnlyCollection<GrainId> Listeners => [.. _listeners.Keys];

    /// <summary>Enlists an activation once; it leaves when it deactivates (a later activation of the grain enlists anew).</summary>
    public void Enlist(IGrainContext activation)
    {
        var id = activation.GrainId;
        var activationId = activation.ActivationId;
        if (_listeners.TryGetValue(id, out var known) && known == activationId)
        {
            return;
        }

        _listeners[id] = activationId;
    }

    /// <summary>Every activation of the silo passes here when it is gone; only an enlisted one is removed.</summary>
    public void OnDeactivated(IActivationWorkingSetMember member)
    {
        if (member is IGrainContext activation)
        {
            _listeners.TryRemove(new KeyValuePair<GrainId, ActivationId>(activation.GrainId, activation.ActivationId));
        }
    }
}
