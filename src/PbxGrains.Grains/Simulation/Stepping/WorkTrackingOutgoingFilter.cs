namespace PbxGrains.Grains.Simulation.Stepping;

/// <summary>
/// Counts a call to one of our grains when it is sent. It runs for every call of the runtime it is registered in —
/// from a grain, one way or not, and from a timer callback's plain thread — and counts before its first await, so the
/// count is up before the sender's own turn (or the timer callback) can end.
/// </summary>
public sealed class WorkTrackingOutgoingFilter(WorkTracker tracker) : IOutgoingGrainCallFilter
{
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (TrackedCalls.IsTracked(context.Request))
        {
            tracker.Begin();

            // The request context travels with the message; set here, inside this async method, it does not leak into
            // the sender's own context after the call.
            RequestContext.Set(TrackedCalls.MarkKey, true);
        }

        await context.Invoke();
    }
}
