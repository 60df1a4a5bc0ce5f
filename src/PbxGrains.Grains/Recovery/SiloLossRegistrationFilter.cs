using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Grains.Recovery;

/// <summary>
/// Enlists every activation that implements <see cref="ISiloLossListener"/> in the silo's <see cref="SiloLossRegistry"/>
/// when it receives a call. A filter rather than code in each grain: holders gain live facts only through calls, so an
/// activation that was never called holds nothing to reconcile.
/// </summary>
public sealed class SiloLossRegistrationFilter(SiloLossRegistry registry) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext.GrainInstance is ISiloLossListener)
        {
            registry.Enlist(context.TargetContext);
        }

        return context.Invoke();
    }
}
