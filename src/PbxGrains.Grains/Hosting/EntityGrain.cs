namespace PbxGrains.Grains.Hosting;

/// <summary>
/// A grain for something of a tenant that a request can name (an extension, a queue, a parking lot, a generator, a
/// listing shard). One that holds something real (a configuration, a live call, a waiting caller) stays in memory: its
/// transient part (statistics, live channels, parked calls) would be lost with the activation. One that a request
/// merely named (a made-up queue, extension or tenant) holds nothing and is collected like any idle grain, so a
/// scanner of made-up names costs memory for the collection age only, not for good. A type-wide <c>[KeepAlive]</c>
/// cannot tell the two apart; this makes the same promise per activation.
/// </summary>
public abstract class EntityGrain : Grain
{
    // Not state: whether this activation has asked to be kept out of idle collection.
    private bool _keptAlive;

    /// <summary>Keeps the activation out of idle collection while <paramref name="holdsSomethingReal"/>; otherwise hands it back to it.</summary>
    protected void KeepAliveWhile(bool holdsSomethingReal)
    {
        if (holdsSomethingReal == _keptAlive)
        {
            return;
        }

        _keptAlive = holdsSomethingReal;

        // TimeSpan.Zero cancels the earlier unbounded delay: the activation is collected after the usual idle age.
        DelayDeactivation(holdsSomethingReal ? TimeSpan.MaxValue : TimeSpan.Zero);
    }
}
