using System.Globalization;

namespace PbxGrains.Tests.Shared.Processes;

/// <summary>
/// Silo-only and API-only hosts of one cluster on this machine (loopback only), found through one Redis and storing
/// their grains in it. The distributed tests and the load suite's chaos scenario start clusters this one way.
/// </summary>
/// <param name="hostDll">The built PbxGrains.Host.dll every process runs.</param>
/// <param name="extraSettings">Settings every process gets on top of the cluster's own (e.g. <see cref="FastFailureDetection"/>).</param>
public sealed class LocalCluster(RedisServer redis, string clusterId, string hostDll, IReadOnlyDictionary<string, string>? extraSettings = null) : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    private readonly List<HostProcess> _processes = [];
    private readonly Dictionary<HostProcess, int> _siloPorts = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// Orleans' membership timings shortened so that a killed silo is declared dead within seconds: a silo that misses
    /// two one-second probes is dead and one vote suffices (the default asks two of a bigger cluster).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FastFailureDetection = new Dictionary<string, string>
    {
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Orleans:Membership:NumMissedProbesLimit"] = "2",
        ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Orleans:Gateway:GatewayListRefreshPeriod"] = "00:00:02",
    };

    public IReadOnlyList<HostProcess> Processes
    {
        get
        {
            lock (_gate)
            {
                return [.. _processes];
            }
        }
    }

    public string Output => string.Join("\n", Processes.Select(p => p.Output));

    public Dictionary<string, string> Settings(string role)
    {
        var settings = new Dictionary<string, string>
        {
            ["Orleans:Role"] = role,
            ["Orleans:ClusteringProvider"] = "Redis",
            ["Orleans:Redis:ConnectionString"] = redis.ConnectionString,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = "pbxgrains-tests",
            ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:ShutdownTimeoutSeconds"] = "20",
            // Several processes on one machine: each event socket and manager socket on a port of its own.
            ["Escaux:EventSocket:Port"] = "0",
            ["Pbx:Ami:Port"] = "0",
            ["Pbx:LoadScenarios"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:PbxGrains"] = "Information",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public HostProcess Start(string name, string role)
    {
        var settings = Settings(role);
        var process = HostProcess.Start(hostDll, settings, name);
        lock (_gate)
        {
            _processes.Add(process);
            if (role == "Silo")
            {
                _siloPorts[process] = int.Parse(settings["Orleans:SiloPort"], CultureInfo.InvariantCulture);
            }
        }

        return process;
    }

    /// <summary>The silo-to-silo port of a silo this cluster started: how the cluster's membership names it.</summary>
    public int SiloPort(HostProcess silo)
    {
        lock (_gate)
        {
            return _siloPorts[silo];
        }
    }

    /// <summary>The silo ports of the silo processes still running: what the membership should list as active.</summary>
    public IReadOnlySet<int> RunningSiloPorts()
    {
        lock (_gate)
        {
            return _siloPorts.Where(s => !s.Key.HasExited).Select(s => s.Value).ToHashSet();
        }
    }

    /// <summary>Starts <paramref name="silos"/> silos and one API-only process and waits until all are ready.</summary>
    public async Task<(IReadOnlyList<HostProcess> Silos, HostProcess Api)> StartAsync(int silos, string generation, CancellationToken cancellationToken)
    {
        var started = Enumerable.Range(1, silos).Select(i => Start($"{generation}-silo{i}", "Silo")).ToList();
        var api = Start($"{generation}-api", "Api");
        await Task.WhenAll(started.Append(api).Select(p => p.WaitReadyAsync(StartupLimit, cancellationToken)));
        return (started, api);
    }

    /// <summary>Starts one more silo and waits until it is ready (a replacement after a loss or a stop).</summary>
    public async Task<HostProcess> StartSiloAsync(string name, CancellationToken cancellationToken)
    {
        var silo = Start(name, "Silo");
        await silo.WaitReadyAsync(StartupLimit, cancellationToken);
        return silo;
    }

    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Processes.Select(p => p.StopAsync(cancellationToken)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Processes)
        {
            await process.DisposeAsync();
        }
    }
}
