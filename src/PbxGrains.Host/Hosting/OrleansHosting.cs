using System.Net;
using Orleans.Configuration;
using PbxGrains.Client;
using PbxGrains.Grains.Cdrs;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Recordings;
using PbxGrains.Grains.Simulation.Stepping;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// The Orleans side of the host, chosen by the <c>Orleans</c> configuration section (<see cref="PbxDeployment"/>): a
/// silo (with or without the HTTP surfaces) or an Orleans client (the stateless API tier); localhost or Redis
/// clustering; memory or Redis grain storage.
/// </summary>
public static class OrleansHosting
{
    /// <summary>Membership timings (probes, death votes), bound to Orleans' <c>ClusterMembershipOptions</c>; tests shorten them.</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>The client's gateway settings, bound to Orleans' <c>GatewayOptions</c>.</summary>
    public const string GatewaySection = "Orleans:Gateway";

    /// <summary>Messaging (e.g. <c>ResponseTimeout</c>), bound to Orleans' silo and client messaging options.</summary>
    public const string MessagingSection = "Orleans:Messaging";

    /// <summary>The grain directory's cache (e.g. <c>MaximumCacheTTL</c>), bound to Orleans' <c>GrainDirectoryOptions</c>.</summary>
    public const string DirectorySection = "Orleans:Directory";

    /// <summary>
    /// How long a silo remembers where a grain it called lives, once nobody calls it. Orleans' default (240 s, purged
    /// every 240 s) suits long-lived grains; here most grains are calls that live seconds, and every one of them leaves
    /// an entry of about 330 bytes that outlives it by 4 to 8 minutes: about 130 MB at 300 whole calls/s, and the
    /// cache's cap of a million entries (about 330 MB) from 1,000/s on (measured with dotnet-gcdump in a soak). A grain
    /// still in use is touched on every call and never expires, so a shorter time costs only a directory lookup for a
    /// grain called again after a minute of silence.
    /// </summary>
    public static readonly TimeSpan DirectoryCacheTimeToLive = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often a silo probes the silos it watches, and how long a probe may take, in a Redis cluster. A crashed
    /// silo's grains (its queues, its calls' holders) answer nothing until the cluster declares it dead; with Orleans'
    /// defaults (5 s, 3 missed probes) every request that reached one of them failed for about 7 s after a
    /// <c>kill -9</c>, with these (2 s, 2 missed) for 1 to 2 s (load/README.md, "Silo loss under the queue poll"). A
    /// silo is declared dead only when two others (all others in a cluster of two) vote so, and Orleans lengthens the
    /// timeout while the voter itself is degraded, so a short CPU stall does not cost a silo.
    /// </summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes after which a silo is suspected; see <see cref="ProbeTimeout"/>.</summary>
    public const int MissedProbesLimit = 2;

    /// <summary>
    /// How long the strongly consistent directory keeps a dead silo's grains from activating again: none. Orleans holds
    /// them for 30 s less the failure-detection window, against a silo that was declared dead while it still ran (a
    /// long pause, a network partition) and would otherwise serve a second activation of the same grain until it learns
    /// of its death. With the short probes above that window is small, so the hold became 20 s or more in which the
    /// crashed silo's queues and calls could not come back (3,657 and 5,483 polls timed out in the measurement); a
    /// crashed or killed process needs no hold at all. The cost is the rare partitioned silo: until it reads the
    /// membership table and stops itself, a grain it held may also live elsewhere. Set
    /// <c>Orleans:Directory:RangeLeaseDuration</c> to have the hold back.
    /// </summary>
    public static readonly TimeSpan DeadSiloRangeLease = TimeSpan.Zero;

    /// <summary>
    /// How often an API process reads the list of gateways in a Redis cluster (Orleans: 1 min). A rolling update
    /// replaces every silo within minutes; a client that learns of the new silos a minute late sends all its traffic
    /// to the survivors meanwhile, and to a stopping silo's gateway until it is gone.
    /// </summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddPbxOrleans(this WebApplicationBuilder builder)
    {
        var deployment = PbxDeployment.From(builder.Configuration);
        var dashboard = DashboardHosting.IsEnabled(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(new DashboardSettings(dashboard, dashboard && deployment.ServesApi));

        // The clock is chosen before the silo is built; AddPbxOptions registered and checked its section.
        var clock = PbxOptions.Read(builder.Configuration, ClockOptions.SectionName, ClockOptions.Check);
        var time = clock.CreateTime();
        var pacing = time is SteppedTimeProvider paced ? PacedClock.For(deployment, paced) : null;
        builder.Services.AddSingleton(deployment);
        builder.Services.PostConfigure<Scenarios.ScenarioOptions>(o => o.ReplaceExisting ??= !deployment.DurableStorage);
        if (deployment.ShutdownTimeout is { } shutdown)
        {
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);
        }

        if (deployment.HostsSilo)
        {
            // Only silos keep recordings and CDRs, so only silos read and check these sections.
            builder.AddCheckedOptions<RecordingStoreOptions>(
                RecordingStoreOptions.SectionName, static (o, section) => o.Problems(section), RecordingStoreOptions.LegacySectionName);
            builder.AddCheckedOptions<CdrStoreOptions>(CdrStoreOptions.SectionName, static (o, section) => o.Problems(section), CdrStoreOptions.LegacySectionName);
            builder.UseOrleans(silo =>
            {
                ConfigureSilo(silo, deployment, time);
                pacing?.Configure(silo);
                if (dashboard)
                {
                    // A silo-only process collects too: the API processes' dashboards read every silo.
                    silo.AddPbxDashboard();
                }
            });

            // Timers fire only in silos: only they measure how late (/sim/clock, /health/ready, the log).
            builder.Services.AddHostedService<Health.ClockLagMonitor>();
            pacing?.Register(builder.Services);
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                ConfigureClient(client, deployment);
                if (dashboard)
                {
                    client.AddPbxDashboard();
                }
            });

            // The surfaces take PbxClient and PbxClock from here; the silos register theirs in AddPbxGrains.
            builder.Services.AddPbxClient(time);
        }

        return builder;
    }

    private static void ConfigureSilo(ISiloBuilder silo, PbxDeployment deployment, TimeProvider time)
    {
        switch (deployment.Clustering)
        {
            case PbxClustering.Development:
                silo.UseLocalhostClustering(deployment.SiloPort, deployment.GatewayPort, serviceId: deployment.ServiceId, clusterId: deployment.ClusterId);
                break;
            case PbxClustering.Redis:
                silo.UseRedisClustering(o => o.ConfigurationOptions = deployment.Redis!.Clone());

                // The strongly consistent directory: after a silo crashes it recovers the lost directory ranges from
                // the survivors instead of forgetting them, so a grain never has two activations. Silo-loss recovery
                // relies on that (a call that activates with no live state must be one that was really lost), and so do
                // durable grains (a second activation would serve state that misses the first one's writes). Orleans
                // marks it for evaluation; the classic directory's duplicates after a crash are the worse risk here.
#pragma warning disable ORLEANSEXP003
                silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = deployment.ClusterId;
                    o.ServiceId = deployment.ServiceId;
                });
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = deployment.SiloPort;
                    o.GatewayPort = deployment.GatewayPort;

                    // Listen on every interface and advertise the one others reach (the pod's IP on Kubernetes).
                    o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, deployment.SiloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, deployment.GatewayPort);
                    if (deployment.AdvertisedAddress is { } address)
                    {
                        o.AdvertisedIPAddress = address;
                    }
                });
                break;
        }

        if (deployment.SiloName is { } name)
        {
            silo.Configure<SiloOptions>(o => o.SiloName = name);
        }

        // Orleans' own options, under its own root; Orleans checks them itself.
        // Our defaults first, then the configuration, so that any of them can be set back.
        var clustered = deployment.Clustering == PbxClustering.Redis;
        silo.Services.AddOptions<ClusterMembershipOptions>()
            .Configure(o =>
            {
                if (clustered)
                {
                    o.ProbeTimeout = ProbeTimeout;
                    o.NumMissedProbesLimit = MissedProbesLimit;
                }
            })
            .BindConfiguration(MembershipSection);
        silo.Services.AddOptions<SiloMessagingOptions>().BindConfiguration(MessagingSection);
        silo.Services.AddOptions<GrainDirectoryOptions>()
            .Configure(o =>
            {
                o.MaximumCacheTTL = DirectoryCacheTimeToLive;
                if (clustered)
                {
                    o.RangeLeaseDuration = DeadSiloRangeLease;
                }
            })
            .BindConfiguration(DirectorySection);
        switch (deployment.Storage)
        {
            case PbxStorageKind.Memory:
                silo.AddMemoryGrainStorage(PbxSiloBuilderExtensions.StorageName);
                break;
            case PbxStorageKind.Redis:
                // AddPbxGrains registers Orleans' own serializer for grain state; Redis storage takes it from there.
                silo.AddRedisGrainStorage(PbxSiloBuilderExtensions.StorageName, o => o.ConfigurationOptions = deployment.Redis!.Clone());
                break;
        }

        // The silo's services are the host's, so this one clock serves the grains and the PbxClient of the API alike.
        silo.AddPbxGrains(time);
    }

    private static void ConfigureClient(IClientBuilder client, PbxDeployment deployment)
    {
        switch (deployment.Clustering)
        {
            case PbxClustering.Development:
                client.UseLocalhostClustering(deployment.GatewayPort, serviceId: deployment.ServiceId, clusterId: deployment.ClusterId);
                break;
            case PbxClustering.Redis:
                client.UseRedisClustering(o => o.ConfigurationOptions = deployment.Redis!.Clone());
                client.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = deployment.ClusterId;
                    o.ServiceId = deployment.ServiceId;
                });
                break;
        }

        client.Services.AddOptions<GatewayOptions>()
            .Configure(o =>
            {
                if (deployment.Clustering == PbxClustering.Redis)
                {
                    o.GatewayListRefreshPeriod = GatewayListRefreshPeriod;
                }
            })
            .BindConfiguration(GatewaySection);
        client.Services.AddOptions<ClientMessagingOptions>().BindConfiguration(MessagingSection);
        client.AddPbxClientResilience();
    }
}
