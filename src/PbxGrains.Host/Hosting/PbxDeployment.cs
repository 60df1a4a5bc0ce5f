using System.Net;
using StackExchange.Redis;

namespace PbxGrains.Host.Hosting;

/// <summary>What this process is in the cluster.</summary>
public enum PbxRole
{
    /// <summary>A silo that also serves every HTTP surface: the one-process default.</summary>
    SiloAndApi,

    /// <summary>An Orleans client serving the HTTP surfaces; it holds no call state and can be scaled freely.</summary>
    Api,

    /// <summary>A silo that serves only health and metrics.</summary>
    Silo,
}

public enum PbxClustering
{
    Development,
    Redis,
}

public enum PbxStorageKind
{
    Memory,
    Redis,
}

/// <summary>
/// The checked deployment settings of this process. Everything that could stop the start is decided here, before a
/// single service is registered, so a bad setting gives one message that names it and says why.
/// </summary>
public sealed record class PbxDeployment(
    PbxRole Role,
    PbxClustering Clustering,
    PbxStorageKind Storage,
    string ClusterId,
    string ServiceId,
    int SiloPort,
    int GatewayPort,
    IPAddress? AdvertisedAddress,
    string? SiloName,
    ConfigurationOptions? Redis,
    TimeSpan? ShutdownTimeout)
{
    public const string PodNameVariable = "POD_NAME";
    public const string PodIpVariable = "POD_IP";

    public bool HostsSilo => Role != PbxRole.Api;

    public bool ServesApi => Role != PbxRole.Silo;

    /// <summary>
    /// The cluster's grain state outlives its silos (so scenarios loaded at start-up must not overwrite it). An API-only
    /// process takes the silos' default (Redis under Redis clustering) unless told otherwise.
    /// </summary>
    public bool DurableStorage => Storage != PbxStorageKind.Memory;

    public static PbxDeployment From(IConfiguration configuration)
    {
        var section = configuration.GetSection(OrleansHostingOptions.SectionName);
        OrleansHostingOptions options;
        try
        {
            options = section.Get<OrleansHostingOptions>() ?? new();
        }
        catch (InvalidOperationException error)
        {
            // A port that is not a number, for instance: the binder names the key in its message.
            throw new HostConfigurationException($"the Orleans section cannot be read: {error.Message}");
        }

        foreach (var (orleansKey, ourKey) in new[] { ("Clustering", "ClusteringProvider"), ("GrainStorage", "StorageProvider"), ("Storage", "StorageProvider") })
        {
            // A plain value there is someone reaching for our keys; Orleans would misread it as one of its providers.
            Require(string.IsNullOrWhiteSpace(section[orleansKey]),
                $"Orleans:{orleansKey} is '{section[orleansKey]}', but the provider is chosen with Orleans:{ourKey} (Orleans:{orleansKey} is Orleans' own provider section).");
        }

        var role = Choice(options.Role, "Orleans:Role", PbxRole.SiloAndApi);
        var clustering = Choice(options.ClusteringProvider, "Orleans:ClusteringProvider", PbxClustering.Development);
        var storage = Choice(options.StorageProvider, "Orleans:StorageProvider",
            clustering == PbxClustering.Redis ? PbxStorageKind.Redis : PbxStorageKind.Memory);

        Require(!string.IsNullOrWhiteSpace(options.ClusterId), "Orleans:ClusterId must not be empty: silos and clients of one cluster share it.");
        Require(!string.IsNullOrWhiteSpace(options.ServiceId), "Orleans:ServiceId must not be empty: grain state is stored under it.");
        Port(options.SiloPort, "Orleans:SiloPort");
        Port(options.GatewayPort, "Orleans:GatewayPort");
        Require(options.SiloPort != options.GatewayPort,
            $"Orleans:SiloPort and Orleans:GatewayPort are both {options.SiloPort}: silo-to-silo and client traffic need a port each.");

        var usesRedis = clustering == PbxClustering.Redis || (role != PbxRole.Api && storage == PbxStorageKind.Redis);
        var redisText = options.Redis.ConnectionString;
        ConfigurationOptions? redis = null;
        if (usesRedis)
        {
            Require(!string.IsNullOrWhiteSpace(redisText),
                $"Orleans:Redis:ConnectionString is required because {(clustering == PbxClustering.Redis ? "Orleans:ClusteringProvider" : "Orleans:StorageProvider")} is Redis " +
                "(for example Orleans__Redis__ConnectionString=localhost:6379).");
            try
            {
                redis = ConfigurationOptions.Parse(redisText!);
            }
            catch (ArgumentException error)
            {
                throw new HostConfigurationException($"Orleans:Redis:ConnectionString cannot be read: {error.Message}");
            }

            Require(redis.EndPoints.Count > 0, "Orleans:Redis:ConnectionString names no server (host:port).");
        }
        else
        {
            Require(string.IsNullOrWhiteSpace(redisText),
                "Orleans:Redis:ConnectionString is set but nothing uses Redis: set Orleans:ClusteringProvider=Redis (and Orleans:StorageProvider=Redis) " +
                "to run as a cluster, or remove the connection string.");
        }

        return new PbxDeployment(
            role,
            clustering,
            storage,
            options.ClusterId,
            options.ServiceId,
            options.SiloPort,
            options.GatewayPort,
            ResolveAddress(options.AdvertisedIPAddress, configuration[PodIpVariable]),
            FirstSet(options.SiloName, configuration[PodNameVariable]),
            redis,
            options.ShutdownTimeoutSeconds is { } seconds
                ? seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new HostConfigurationException(
                    $"Orleans:ShutdownTimeoutSeconds must be a positive number of seconds; it is {seconds}.")
                : null);
    }

    private static IPAddress? ResolveAddress(string? configured, string? podIp)
    {
        var configuredAddress = Address(configured, "Orleans:AdvertisedIPAddress");
        var podAddress = Address(podIp, PodIpVariable);
        if (configuredAddress is not null && podAddress is not null && !configuredAddress.Equals(podAddress))
        {
            throw new HostConfigurationException(
                $"Orleans:AdvertisedIPAddress is {configuredAddress} but {PodIpVariable} is {podAddress}: a silo has one address; remove one of them.");
        }

        return configuredAddress ?? podAddress;
    }

    private static IPAddress? Address(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return IPAddress.TryParse(text.Trim(), out var address)
            ? address
            : throw new HostConfigurationException($"{key} must be an IP address (other silos and clients connect to it); it is '{text}'.");
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static T Choice<T>(string? text, string key, T fallback) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        throw new HostConfigurationException($"{key} must be one of {string.Join(", ", Enum.GetNames<T>())}; it is '{text}'.");
    }

    private static void Port(int port, string key) =>
        Require(port is > 0 and <= 65535, $"{key} must be a TCP port from 1 to 65535; it is {port}.");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new HostConfigurationException(message);
        }
    }
}
