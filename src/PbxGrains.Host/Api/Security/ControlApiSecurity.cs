using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Host.Api.Security;

/// <summary>
/// Authentication and authorization of the control API, by the framework's own means: one authentication scheme
/// (<see cref="ControlApiKeyHandler"/>) and three policies the endpoints name. The vendor surfaces keep their own
/// vendors' authentication and are not touched; health and metrics stay open for probes and scrapers.
/// </summary>
public static partial class ControlApiSecurity
{
    /// <summary>Any caller the scheme let in: an administrator or a tenant's key (lists show that key's tenant only).</summary>
    public const string CallerPolicy = "ControlApiCaller";

    /// <summary>What changes more than one tenant or the host: creating a tenant by POST.</summary>
    public const string AdminPolicy = "ControlApiAdmin";

    /// <summary>Everything under <c>/sim/tenants/{tenant}</c>: an administrator, or that tenant's key.</summary>
    public const string TenantPolicy = "ControlApiTenant";

    public static WebApplicationBuilder AddControlApiSecurity(this WebApplicationBuilder builder)
    {
        builder.AddCheckedOptions<ControlApiOptions>(ControlApiOptions.SectionName, ControlApiOptions.Check);
        builder.Services.AddSingleton<ControlApiCallers>();
        builder.Services.AddAuthentication(ControlApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ControlApiKeyHandler>(ControlApiKeyHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(CallerPolicy, p => p.RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, p => p.RequireRole(ControlApiCallers.AdminRole))
            .AddPolicy(TenantPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
                context.Resource is HttpContext http && ControlApiCallers.MayActOn(context.User, http.GetRouteValue("tenant") as string)));
        return builder;
    }

    /// <summary>Says at start-up how the control API is protected, loudly when it is open and listens beyond loopback.</summary>
    public static WebApplication LogControlApiAccess(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ControlApiSecurity));
            var options = app.Services.GetRequiredService<IOptions<ControlApiOptions>>().Value;
            if (!options.IsOpen)
            {
                LogKeys(logger, string.IsNullOrEmpty(options.AdminKey) ? "no" : "an", options.TenantKeys.Count);
                return;
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var beyondLoopback = addresses.Where(a => !IsLoopbackAddress(a)).ToList();
            if (beyondLoopback.Count > 0)
            {
                LogOpenBeyondLoopback(logger, string.Join(", ", beyondLoopback), ControlApiOptions.SectionName);
            }
            else
            {
                LogOpen(logger, ControlApiOptions.SectionName);
            }
        });
        return app;
    }

    private static bool IsLoopbackAddress(string address)
    {
        // Kestrel writes a wildcard as http://[::]:80 or http://+:80, which BindingAddress parses as a host too.
        var host = BindingAddress.Parse(address).Host.Trim('[', ']');
        return host == "localhost" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }

    [LoggerMessage(LogLevel.Information, "Control API /sim: keys required ({Admin} admin key, {TenantKeys} tenant key(s)).")]
    private static partial void LogKeys(ILogger logger, string admin, int tenantKeys);

    [LoggerMessage(LogLevel.Warning,
        "Control API /sim is OPEN without authentication, to loopback callers only (no key in {Section}). Configure {Section}:AdminKey before exposing it.")]
    private static partial void LogOpen(ILogger logger, string section);

    [LoggerMessage(LogLevel.Critical,
        "Control API /sim has NO KEY configured but the host listens on {Addresses}: callers from other machines are refused (401) " +
        "until {Section}:AdminKey (and TenantKeys) are set. Anyone on this machine can use it.")]
    private static partial void LogOpenBeyondLoopback(ILogger logger, string addresses, string section);
}
