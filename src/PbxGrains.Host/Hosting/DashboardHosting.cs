using Orleans.Dashboard;
using PbxGrains.Host.Api.Security;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// The Orleans Dashboard (<c>Microsoft.Orleans.Dashboard</c>), switched on by <c>Orleans:Dashboard:Enabled</c> (default: on
/// in Development, off otherwise) and served under <see cref="Path"/> by the processes that serve HTTP surfaces.
/// A silo collects the figures (a grain call filter profiles every grain call, which is why it is off by default outside
/// Development); an API-only process shows them through its Orleans client, which works only when the silos run with
/// the dashboard on too. It shows grain state, so it takes the control API's administrator policy.
/// </summary>
public static class DashboardHosting
{
    public const string EnabledKey = "Orleans:Dashboard:Enabled";

    /// <summary>Where the dashboard is served (the package redirects <c>/dashboard</c> to <c>/dashboard/</c>).</summary>
    public const string Path = "/dashboard";

    /// <summary>Whether the dashboard is on for this process, from configuration and the environment.</summary>
    /// <exception cref="HostConfigurationException">The key is set to something that is not true or false.</exception>
    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[EnabledKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return environment.IsDevelopment();
        }

        return bool.TryParse(text.Trim(), out var enabled)
            ? enabled
            : throw new HostConfigurationException($"{EnabledKey} must be true or false; it is '{text}'.");
    }

    /// <summary>The silo's part: collects grain statistics for every dashboard of the cluster, served here or elsewhere.</summary>
    public static ISiloBuilder AddPbxDashboard(this ISiloBuilder silo) => silo.AddDashboard();

    /// <summary>An API-only process's part: reads the silos' statistics through the client.</summary>
    public static IClientBuilder AddPbxDashboard(this IClientBuilder client) => client.AddDashboard();

    /// <summary>Maps the dashboard when it is on and this process serves HTTP surfaces (a silo-only process serves none).</summary>
    public static WebApplication MapPbxDashboard(this WebApplication app)
    {
        if (app.Services.GetRequiredService<DashboardSettings>().Served)
        {
            app.MapOrleansDashboard(Path).RequireAuthorization(ControlApiSecurity.AdminPolicy).ExcludeFromDescription();
        }

        return app;
    }
}

/// <summary>Whether the dashboard is on, and whether this process serves it (the front page links to it only then).</summary>
public sealed record class DashboardSettings(bool Enabled, bool Served);
