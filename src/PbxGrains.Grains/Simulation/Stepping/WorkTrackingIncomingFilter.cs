namespace PbxGrains.Grains.Simulation.Stepping;

/// <summary>
/// Uncounts a call to one of our grains when its invocation ends, however it ends. A call its sender did not count
/// (from a client without the outgoing filter) is counted while it runs. Nested calls it makes are counted when sent,
/// before it ends, so the count never touches zero while their work is pending.
/// </summary>
public sealed class WorkTrackingIncomingFilter(WorkTracker tracker) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!TrackedCalls.IsTracked(context.Request))
        {
            await context.Invoke();
            return;
        }

        if (RequestContext.Get(TrackedCalls.MarkKey) is null)
        {
            tracker.Begin();
        }

        try
        {
            await context.Invoke();
        }
        finally
        {
            tracker.End();
        }
    }
}
