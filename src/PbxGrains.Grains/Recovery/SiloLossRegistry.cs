using System.Collections.Concurrent;

namespace PbxGrains.Grains.Recovery;

/// <summary>
/// The activations of this silo that hold another grain's live facts (<see cref="Abstractions.Interfaces.ISiloLossListener"/>),
/// so that the silo can tell them when another silo is lost. A per-silo read model of local activations: filled as
/// they receive calls, emptied as they deactivate, and never a source of truth.
/// </summary>
public sealed class SiloLossRegistry
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
        activation.Deactivated.ContinueWith(
            _ => _listeners.TryRemove(new KeyValuePair<GrainId, ActivationId>(id, activationId)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
