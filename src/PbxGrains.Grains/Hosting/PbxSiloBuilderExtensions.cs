using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;
using PbxGrains.Client;
using PbxGrains.Grains.Cdrs;
using PbxGrains.Grains.Recovery;
using PbxGrains.Grains.Resilience;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Grains.Hosting;

public static class PbxSiloBuilderExtensions
{
    /// <summary>The name of the grain storage every durable grain uses.</summary>
    public const string StorageName = PbxStorage.Name;

    /// <summary>
    /// Adds what the call model's grains need in a silo: the clock (the system clock unless <paramref name="time"/> is
    /// given), the client facade and the metrics. Storage and clustering are the host's choice.
    /// </summary>
    public static ISiloBuilder AddPbxGrains(this ISiloBuilder silo, TimeProvider? time = null)
    {
        silo.Services.AddMetrics();
        silo.Services.AddPbxClient(time);
        silo.Services.TryAddSingleton<TimerLag>();
        silo.Services.TryAddSingleton<PbxMetrics>();
        silo.Services.TryAddSingleton<CdrOutbox>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(s => s.GetRequiredService<CdrOutbox>());
        silo.AddSiloLossRecovery();
        silo.AddOutgoingGrainCallFilter<ResendAfterSiloLossFilter>();

        // Grain state is written with Orleans' own serializer: the default JSON one cannot read the immutable
        // collections of our state records back, so a grain would fail to reactivate from storage. Orleans' format
        // is also the one the contracts are versioned for ([Id] fields, appended, never renumbered).
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }

    /// <summary>
    /// What a client of the call model (an API-only process) needs to ride out a rolling update: safe calls whose silo
    /// left before answering are sent again (<see cref="ResendAfterSiloLossFilter"/>).
    /// </summary>
    public static IClientBuilder AddPbxClientResilience(this IClientBuilder client)
    {
        client.Services.AddMetrics();
        client.AddOutgoingGrainCallFilter<ResendAfterSiloLossFilter>();
        return client;
    }
}
