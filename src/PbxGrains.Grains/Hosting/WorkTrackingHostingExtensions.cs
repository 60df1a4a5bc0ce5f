using PbxGrains.Grains.Simulation.Stepping;

namespace PbxGrains.Grains.Hosting;

/// <summary>
/// Counts the call model's grain work in a <see cref="WorkTracker"/>, for stepped (deterministic) runs. Give every silo
/// of the cluster, and the client that drives it, the same tracker: there must be one counter.
/// </summary>
public static class WorkTrackingHostingExtensions
{
    public static ISiloBuilder AddWorkTracking(this ISiloBuilder silo, WorkTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);

        // Registered as instances, not types: the tracker is shared by silos that each have their own container.
        silo.AddOutgoingGrainCallFilter(new WorkTrackingOutgoingFilter(tracker));
        silo.AddIncomingGrainCallFilter(new WorkTrackingIncomingFilter(tracker));
        return silo;
    }

    /// <summary>
    /// Counts the client's calls from the moment they are sent. Without it they are counted only once they run in a
    /// silo, so a one-way call from the client could still be in transit when the driver finds the cluster idle.
    /// </summary>
    public static IClientBuilder AddWorkTracking(this IClientBuilder client, WorkTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        client.AddOutgoingGrainCallFilter(new WorkTrackingOutgoingFilter(tracker));
        return client;
    }
}
