using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PbxGrains.Client;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the call model's client side (clock, sequence source, <see cref="PbxClient"/>); silos and API-only
    /// hosts both need it. Without <paramref name="time"/> the clock is the system clock.
    /// </summary>
    public static IServiceCollection AddPbxClient(this IServiceCollection services, TimeProvider? time = null)
    {
        services.TryAddSingleton(time is null ? PbxClock.System : new PbxClock(time));
        services.TryAddSingleton<SequenceSource>();
        services.TryAddSingleton<PbxClient>();
        services.TryAddSingleton<QueueSnapshotReader>();
        return services;
    }
}
