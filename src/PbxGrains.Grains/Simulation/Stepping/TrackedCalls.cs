using Orleans.Serialization.Invocation;

namespace PbxGrains.Grains.Simulation.Stepping;

/// <summary>Which grain calls are the call model's work, and how a counted call is recognised on arrival.</summary>
internal static class TrackedCalls
{
    /// <summary>
    /// Set by the sender's filter on every call it counted; the receiver uncounts only marked calls, so a call from a
    /// client without the filter is counted on arrival instead of leaving the counter below zero.
    /// </summary>
    public const string MarkKey = "pbx.work-counted";

    /// <summary>
    /// Our own interfaces only: Orleans' system calls (membership, directory) are not simulation work, and neither are
    /// the calls to observers (the surfaces' event feeds, outside the call model; an observer in a client is not seen
    /// by a silo's incoming filter, so its call would never be uncounted and the clock would wait for ever).
    /// </summary>
    public static bool IsTracked(IInvokable request) =>
        request.GetInterfaceType() is { Namespace: { } name } type
        && name.StartsWith("PbxGrains.", StringComparison.Ordinal)
        && !typeof(IGrainObserver).IsAssignableFrom(type);
}
