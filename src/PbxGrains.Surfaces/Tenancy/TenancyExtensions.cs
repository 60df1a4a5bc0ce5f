using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Surfaces.Tenancy;

public static class TenancyExtensions
{
    public static IServiceCollection AddPbxTenancy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenancyOptions>()
            .Bind(configuration.GetSection(TenancyOptions.SectionName))
            .Validate(o => TenantKey.IsValidTenantId(o.DefaultTenant), "Pbx:DefaultTenant is not a valid tenant id.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Resolves each request's tenant. Place it before routing (call <c>UseRouting()</c> after it), because it rewrites
    /// the path that routing matches.
    /// </summary>
    public static IApplicationBuilder UsePbxTenancy(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();
}
