namespace PbxGrains.Host.Scenarios;

public static class ScenarioServiceCollectionExtensions
{
    /// <summary>The loader and the start-up loading; their settings (<see cref="ScenarioOptions"/>) come with the host's options.</summary>
    public static IServiceCollection AddPbxScenarios(this IServiceCollection services)
    {
        services.AddSingleton<ScenarioLoader>();
        services.AddSingleton<TenantSelectorCheck>();
        services.AddHostedService<ScenarioStartupLoader>();
        return services;
    }
}
