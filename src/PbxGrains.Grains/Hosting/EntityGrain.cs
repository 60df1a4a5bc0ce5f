namespace PbxGrains.Grains.Hosting;

/// <summary>
/// A grain for something of a tenant that a request can name (an extension, a queue, a parking lot, a generator, a
/// listing shard). One that holds something real (a configuration, a live call, a waiting caller) stays in memory: its
/// transient part (statistics, live channels, parked calls) would be lost with the activation. One that a request
/// merely named (a made-up queue, extension or tenant) holds nothing and is collected like any idle grain, so a
/// scanner of made-up names costs memory for the collection age only, not for good. A type-wide <c>[KeepAlive]</c>
/// cannot tell the two apart; this makes the same promise per activation.
/// <para>
/// For the same reason, one that holds something real moves to a surviving silo when its silo stops gracefully
/// (Orleans' live migration, asked for from <see cref="OnDeactivateAsync"/> when the reason is
/// <see cref="DeactivationReasonCode.ShuttingDown"/>): its persistent state goes along by itself, and its transient
/// part goes in the migration context (<see cref="Dehydrate"/>, <see cref="Rehydrate"/>), which the new activation reads
/// before its <c>OnActivateAsync</c>. Where Orleans cannot move it (no other silo, no time left), the activation ends
/// as it did before, and what it held is recovered as after the loss of a silo.
/// </para>
/// </summary>
public abstract class EntityGrain : Grain, IGrainMigrationParticipant
{
    // Not state: whether this activation has asked to be kept out of idle collection.
    private bool _keptAlive;

    /// <summary>A derived grain that overrides this calls it (it asks to move when the silo stops).</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && _keptAlive && ServiceProvider.AnotherSiloIsActive())
        {
            MigrateOnIdle();
        }

        return Task.CompletedTask;
    }

    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext dehydrationContext) => Dehydrate(dehydrationContext);

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext rehydrationContext) => Rehydrate(rehydrationContext);

    /// <summary>Puts the transient part in the migration context (the persistent state goes along by itself).</summary>
    protected virtual void Dehydrate(IDehydrationContext context)
    {
    }

    /// <summary>Takes the transient part an earlier activation put in the migration context; called before <c>OnActivateAsync</c>.</summary>
    protected virtual void Rehydrate(IRehydrationContext context)
    {
    }

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
