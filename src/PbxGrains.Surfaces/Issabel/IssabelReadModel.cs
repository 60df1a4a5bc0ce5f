using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// Each tenant's pbxapi settings, per process: a <see cref="TenantSettingsCache{T}"/>, so a request never calls the
/// tenant grain; its entries age on real time, because it protects the tenant grain and is not part of the simulation.
/// </summary>
public sealed class IssabelReadModel
{
    private readonly TenantSettingsCache<IssabelSettings> _tenants;

    public IssabelReadModel(IGrainFactory grains, IOptions<IssabelOptions> options, ILogger<IssabelReadModel> logger)
    {
        byte[] hostKey;
        if (string.IsNullOrEmpty(options.Value.SigningKey))
        {
            // Without a configured key, tokens are good only in the process that issued them (and until it restarts):
            // fine for one process, wrong behind a load balancer, hence the warning.
            hostKey = RandomNumberGenerator.GetBytes(32);
            logger.LogWarning("{Setting} is not set: Issabel tokens of tenants without their own signingKey are valid only in this process.", IssabelOptions.SigningKeySetting);
        }
        else
        {
            hostKey = Encoding.UTF8.GetBytes(options.Value.SigningKey);
        }

        _tenants = new TenantSettingsCache<IssabelSettings>(grains, (tenant, found) => IssabelSettings.From(tenant, found, hostKey), TimeProvider.System, logger);
    }

    /// <summary>The tenant's pbxapi settings, from memory unless they are older than <see cref="TenantSettingsCache{T}.Lifetime"/>.</summary>
    public ValueTask<IssabelSettings> GetAsync(string tenant) => _tenants.GetAsync(tenant);
}
