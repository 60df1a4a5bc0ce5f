using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PbxGrains.Surfaces.Hosting;

namespace PbxGrains.Surfaces.Tenancy;

public static class TenancyExtensions
{
    /// <summary>
    /// The tenancy options (section <c>Pbx</c>), checked by <see cref="TenancyConfiguration.Problems"/> when the host
    /// starts. The executable checks them before it builds, to stop with the message alone.
    /// </summary>
    public static IServiceCollection AddPbxTenancy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenancyOptions>()
            .Bind(configuration.GetSection(TenancyOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TenancyOptions>>(sp => new ProblemsValidator(configuration, sp.GetServices<PbxSurface>()));
        return services;
    }

    /// <summary>
    /// Resolves each request's tenant from its path prefix or host name. Place it before routing (call
    /// <c>UseRouting()</c> after it), because it rewrites the path that routing matches; then place
    /// <see cref="UsePbxSurfaceTenancy"/> after routing.
    /// </summary>
    public static IApplicationBuilder UsePbxTenancy(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();

    /// <summary>
    /// Gives a request that named no tenant its surface's default tenant. Place it after <c>UseRouting()</c>: the
    /// surface is the chosen endpoint's (<see cref="SurfaceRegistration.WithSurface"/>).
    /// </summary>
    public static IApplicationBuilder UsePbxSurfaceTenancy(this IApplicationBuilder app) =>
        app.UseMiddleware<SurfaceDefaultTenantMiddleware>();

    private sealed class ProblemsValidator(IConfiguration configuration, IEnumerable<PbxSurface> surfaces) : IValidateOptions<TenancyOptions>
    {
        public ValidateOptionsResult Validate(string? name, TenancyOptions options) =>
            TenancyConfiguration.Problems(configuration, [.. surfaces.Select(s => s.Name)]) is { Count: > 0 } problems
                ? ValidateOptionsResult.Fail(problems)
                : ValidateOptionsResult.Success;
    }
}
