using System.Net.Http.Json;
using System.Text.Json;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Load.Hosting;

/// <summary>
/// The cluster the chaos scenario starts and disturbs: a throw-away Redis, N silo-only processes and one API-only
/// process of the built host on loopback (the distributed tests' <see cref="LocalCluster"/>), and the disturbances
/// themselves. Each disturbance that takes a silo away starts a replacement, so the cluster has N silos again.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    public const string MissingRedis = "redis-server is not installed, and the chaos scenario runs its cluster on it: install it with `apt-get install redis-server`.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly RedisServer _redis;
    private readonly LocalCluster _cluster;
    private readonly List<HostProcess> _silos;
    private int _started;

    private ChaosCluster(RedisServer redis, LocalCluster cluster, IReadOnlyList<HostProcess> silos, HostProcess api)
    {
        _redis = redis;
        _cluster = cluster;
        _silos = [.. silos];
        _started = silos.Count;
        Api = api;
    }

    public HostProcess Api { get; }

    /// <summary>How many silos the cluster is meant to have.</summary>
    public int Size { get; private set; }

    public string Output => _redis.Output.Length == 0 ? _cluster.Output : $"{_cluster.Output}\n[redis] {_redis.Output}";

    public static async Task<ChaosCluster> StartAsync(string hostDll, int silos, IReadOnlyDictionary<string, string> settings, TextWriter log, CancellationToken ct)
    {
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"the host is not built at {hostDll} (build it, or pass --host-dll)", hostDll);
        }

        var executable = RedisServer.Executable() ?? throw new InvalidOperationException(MissingRedis);
        var redis = await RedisServer.StartAsync(executable, ct);
        var cluster = new LocalCluster(redis, $"chaos-{Guid.NewGuid():N}", hostDll, settings);
        try
        {
            log.WriteLine($"  starting redis on {redis.ConnectionString}, {silos} silos and an API process");
            var (started, api) = await cluster.StartAsync(silos, "chaos", ct);
            log.WriteLine($"  cluster ready: API at {api.BaseAddress}");
            return new ChaosCluster(redis, cluster, started, api) { Size = silos };
        }
        catch
        {
            log.WriteLine(cluster.Output);
            await cluster.DisposeAsync();
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>The oldest silo still running: the one each disturbance takes away, so that every original silo goes in turn.</summary>
    public HostProcess Oldest => _silos[0];

    /// <summary><c>kill -9</c> of the oldest silo, as a crashed machine; then its replacement starts and is ready.</summary>
    public async Task<string> KillAsync(CancellationToken ct)
    {
        var victim = Oldest;
        await victim.KillAsync();
        _silos.Remove(victim);
        _silos.Add(await StartReplacementAsync(ct));
        return victim.Name;
    }

    /// <summary>SIGTERM to the oldest silo, as Kubernetes stops a pod; once it has exited its replacement starts and is ready.</summary>
    public async Task<string> StopGracefullyAsync(CancellationToken ct)
    {
        var victim = Oldest;
        await victim.StopAsync(ct);
        _silos.Remove(victim);
        _silos.Add(await StartReplacementAsync(ct));
        return victim.Name;
    }

    /// <summary>
    /// Every silo in turn, oldest first, as a rolling update: SIGTERM, its replacement started at once, and the next only
    /// when the replacement is ready and the stopped silo has exited.
    /// </summary>
    public async Task<string> RollingRestartAsync(TextWriter log, CancellationToken ct)
    {
        var names = new List<string>();
        foreach (var victim in _silos.ToList())
        {
            var stopping = victim.StopAsync(ct);
            var replacement = await StartReplacementAsync(ct);
            await stopping;
            _silos.Remove(victim);
            _silos.Add(replacement);
            names.Add(victim.Name);
            log.WriteLine($"  {victim.Name} stopped, {replacement.Name} ready");
        }

        return string.Join(", ", names);
    }

    /// <summary>Redis frozen (SIGSTOP) for <paramref name="pause"/>, then let go on (SIGCONT).</summary>
    public async Task PauseRedisAsync(TimeSpan pause, CancellationToken ct)
    {
        await _redis.PauseAsync(ct);
        try
        {
            await Task.Delay(pause, ct);
        }
        finally
        {
            await _redis.ResumeAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// The silos the API process's cluster view lists as active, and whether they are exactly the silo processes that
    /// run, <see cref="Size"/> of them (a killed silo stays listed until the cluster declares it dead). Null when the
    /// cluster did not answer.
    /// </summary>
    public async Task<(int Active, bool Whole)?> ActiveSilosAsync(CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            var view = await Api.Http.GetFromJsonAsync<ClusterView>("/load/cluster", Json, limit.Token);
            if (view is null)
            {
                return null;
            }

            var active = view.Silos.Select(s => s.Port).ToHashSet();
            var running = _cluster.RunningSiloPorts();
            return (view.ActiveSilos, active.Count == Size && active.SetEquals(running));
        }
        catch (Exception error) when (error is HttpRequestException or JsonException || (error is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    private Task<HostProcess> StartReplacementAsync(CancellationToken ct) => _cluster.StartSiloAsync($"chaos-silo{++_started}", ct);

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private sealed record ClusterView(int ActiveSilos, IReadOnlyList<ClusterSilo> Silos);

    private sealed record ClusterSilo(string Address, int Port);
}
