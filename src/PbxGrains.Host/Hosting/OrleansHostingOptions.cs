namespace PbxGrains.Host.Hosting;

/// <summary>
/// The <c>Orleans</c> configuration section: which part of the cluster this process is, how it finds the others and
/// where grain state is kept. Read once at start-up and checked by <see cref="PbxDeployment.From"/>.
/// </summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Orleans";

    /// <summary><c>SiloAndApi</c> (the default), <c>Api</c> (an Orleans client: the stateless tier) or <c>Silo</c>.</summary>
    public string? Role { get; set; }

    /// <summary><c>Development</c> (localhost, one silo; the default) or <c>Redis</c>.</summary>
    public string? ClusteringProvider { get; set; }

    /// <summary>
    /// <c>Memory</c> or <c>Redis</c>. Defaults to <c>Redis</c> under Redis clustering and to <c>Memory</c> otherwise.
    /// Only silos keep state; an API-only process reads it only to know whether start-up scenarios may replace tenants.
    /// </summary>
    public string? StorageProvider { get; set; }

    public string ClusterId { get; set; } = "dev";

    public string ServiceId { get; set; } = "pbxgrains";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; on Kubernetes <c>POD_IP</c>.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>This silo's name in the membership table; on Kubernetes <c>POD_NAME</c>.</summary>
    public string? SiloName { get; set; }

    /// <summary>How long a silo may take to leave the cluster gracefully (hand over, deactivate) before the host stops it.</summary>
    public int? ShutdownTimeoutSeconds { get; set; }

    public RedisSection Redis { get; set; } = new();

    public sealed class RedisSection
    {
        /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>.</summary>
        public string? ConnectionString { get; set; }
    }
}
