using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Client;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// What the pbxapi handlers share: the call model, the settings read model and the token maker. It rides on the
/// endpoints' metadata, so wiring the surface stays one line (<c>app.MapIssabel()</c>) with no service registration.
/// </summary>
public sealed class IssabelServices(PbxClient pbx, TenantSettingsCache<IssabelSettings> settings, IssabelTokens tokens)
{
    public const string HostKeySetting = "Pbx:Issabel:SigningKey";

    public PbxClient Pbx => pbx;

    public TenantSettingsCache<IssabelSettings> Settings => settings;

    public IssabelTokens Tokens => tokens;

    public static IssabelServices Create(IServiceProvider services)
    {
        var pbx = services.GetRequiredService<PbxClient>();
        var configured = services.GetService<IConfiguration>()?[HostKeySetting];
        byte[] hostKey;
        if (string.IsNullOrEmpty(configured))
        {
            // Without a configured key, tokens are good only in the process that issued them (and until it restarts):
            // fine for one process, wrong behind a load balancer, hence the warning.
            hostKey = RandomNumberGenerator.GetBytes(32);
            services.GetService<ILoggerFactory>()?.CreateLogger<IssabelServices>()
                .LogWarning("{Setting} is not set: Issabel tokens of tenants without their own signingKey are valid only in this process.", HostKeySetting);
        }
        else
        {
            hostKey = Encoding.UTF8.GetBytes(configured);
        }

        // The read model ages entries on real time: it protects the tenant grain, it is not part of the simulation.
        return new IssabelServices(pbx, new TenantSettingsCache<IssabelSettings>(pbx.Grains, (tenant, found) => IssabelSettings.From(tenant, found, hostKey), TimeProvider.System), new IssabelTokens(pbx.Clock));
    }

    public static IssabelServices Of(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IssabelServices>()
        ?? throw new InvalidOperationException("The endpoint was not mapped by MapIssabel().");

    /// <summary>The request's tenant and its pbxapi settings.</summary>
    public static async Task<(IssabelServices Services, string Tenant, IssabelSettings Settings)> ForAsync(HttpContext context)
    {
        var services = Of(context);
        var tenant = context.GetTenant();
        return (services, tenant, await services.Settings.GetAsync(tenant));
    }
}
