using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PbxGrains.Grains.Recovery;

public static class SiloLossHostingExtensions
{
    /// <summary>Reconciles live calls when a silo of the cluster is lost (see <see cref="SiloLossWatcher"/>).</summary>
    public static ISiloBuilder AddSiloLossRecovery(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<SiloLossRegistry>();
        silo.Services.AddSingleton<IActivationWorkingSetObserver>(s => s.GetRequiredService<SiloLossRegistry>());
        silo.Services.TryAddSingleton<TrafficResumer>();
        silo.Services.TryAddSingleton<SiloLossWatcher>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(s => s.GetRequiredService<SiloLossWatcher>());
        silo.AddIncomingGrainCallFilter<SiloLossRegistrationFilter>();
        return silo;
    }
}
