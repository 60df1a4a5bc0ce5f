namespace PbxGrains.Host.Scenarios;

public static class ScenarioServiceCollectionExtensions
{
    public static IServiceCollection AddPbxScenarios(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScenarioOptions>().Bind(configuration.GetSection(ScenarioOptions.SectionName));
        services.AddSingleton<ScenarioLoader>();
        services.AddHostedService<ScenarioStartupLoader>();
        return services;
    }
}
