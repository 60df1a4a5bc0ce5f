using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PbxGrains.Client.Events;

public static class CallEventServiceCollectionExtensions
{
    /// <summary>Registers the process's <see cref="CallEventFeed"/> (silo+API and API-only hosts alike).</summary>
    public static IServiceCollection AddCallEventFeed(this IServiceCollection services)
    {
        services.TryAddSingleton<CallEventFeed>();
        return services;
    }
}
