using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.Distributed;

/// <summary>
/// Silo-only and API-only hosts of one cluster on this machine, found through one Redis and storing their grains in it,
/// with Orleans' membership timings shortened so that a killed silo is declared dead within seconds.
/// </summary>
public sealed class LocalCluster(RedisServer redis, string clusterId) : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    private readonly List<HostProcess> _processes = [];

    public IReadOnlyList<HostProcess> Processes => _processes;

    public string Output => string.Join("\n", _processes.Select(p => p.Output));

    public Dictionary<string, string> Settings(string role) => new()
    {
        ["Orleans:Role"] = role,
        ["Orleans:ClusteringProvider"] = "Redis",
        ["Orleans:Redis:ConnectionString"] = redis.ConnectionString,
        ["Orleans:ClusterId"] = clusterId,
        ["Orleans:ServiceId"] = "pbxgrains-tests",
        ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
        ["Orleans:SiloPort"] = FreePorts.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePorts.Next().ToString(),
        ["Orleans:ShutdownTimeoutSeconds"] = "20",
        // A silo that misses two one-second probes is dead; one vote suffices (the default asks two of a bigger cluster).
        ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
        ["Orleans:Membership:NumMissedProbesLimit"] = "2",
        ["Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
        ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Orleans:Gateway:GatewayListRefreshPeriod"] = "00:00:02",
        // Four processes on one machine: each event socket and manager socket on a port of its own.
        ["Escaux:EventSocket:Port"] = "0",
        ["Pbx:Ami:Port"] = "0",
        ["Pbx:LoadScenarios"] = "false",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:PbxGrains"] = "Information",
    };

    public HostProcess Start(string name, string role)
    {
        var process = HostProcess.Start(RepositoryLayoutAttribute.Current.Host, Settings(role), name);
        _processes.Add(process);
        return process;
    }

    /// <summary>Starts <paramref name="silos"/> silos and one API-only process and waits until all are ready.</summary>
    public async Task<(IReadOnlyList<HostProcess> Silos, HostProcess Api)> StartAsync(int silos, string generation, CancellationToken cancellationToken)
    {
        var started = Enumerable.Range(1, silos).Select(i => Start($"{generation}-silo{i}", "Silo")).ToList();
        var api = Start($"{generation}-api", "Api");
        await Task.WhenAll(started.Append(api).Select(p => p.WaitReadyAsync(StartupLimit, cancellationToken)));
        return (started, api);
    }

    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_processes.Select(p => p.StopAsync(cancellationToken)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
