using System.Net;
using System.Text.Json;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.Distributed;

/// <summary>
/// A real cluster on this machine: one Redis, three silo-only processes and one API-only process of the built host.
/// One silo is killed under live calls, then the whole cluster is stopped and started again.
/// </summary>
public sealed class SiloLossAndRestartTests
{
    private const string Tenant = "dist";
    private const int LiveCalls = 30;
    private const int FinishedCalls = 12;
    private const int QueuedCalls = 6;

    // Extensions 1000-1059 with manual phones (nobody answers unless told); the calls go to magic numbers: 5550100
    // answers at once and stays, 5550104 is congestion at once (a CDR straight away).
    private const string Scenario = """
        tenant: dist
        name: Distributed
        extensionGroups:
          - {from: 1000, to: 1059, namePattern: "Phone {n}", registered: true}
        queues:
          - {name: sales, number: "700", members: ["1050", "1051"]}
          - {name: support, number: "701", strategy: ringall, members: ["1052"]}
        agents:
          - {id: "9001", name: Agent One, pin: "1234", queues: [sales]}
        ringGroups:
          - {number: "650", description: Reception, members: ["1053", "1054"]}
        parking:
          - {name: default, firstSlot: 801, slots: 10, timeout: 45}
        """;

    // A second tenant under steady traffic (two calls a second that end at once, each with a CDR): its CDRs must keep
    // coming after the silo loss and after the restart, whichever silo its generator lived on.
    private const string Load = "load";

    private const string LoadScenario = """
        tenant: load
        extensionGroups:
          - {from: 2000, to: 2004, registered: true}
        traffic:
          - {name: out, kind: outbound, callsPerHour: 7200, sources: ["2000", "2001", "2002", "2003", "2004"], destinations: ["5550104"]}
        """;

    private static readonly TimeSpan ClusterLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Losing_a_silo_ends_only_its_calls_and_a_restart_keeps_configuration_and_CDRs()
    {
        var executable = RedisServer.Executable();
        if (executable is null)
        {
            Assert.Skip(RedisServer.MissingMessage);
        }

        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartAsync(executable, ct);
        await using var cluster = new LocalCluster(redis, $"tests-{Guid.NewGuid():N}", RepositoryLayoutAttribute.Current.Host, LocalCluster.FastFailureDetection);
        Phase("redis started");
        var (silos, apiProcess) = await cluster.StartAsync(3, "first", ct);
        Phase("cluster started");
        string Context() => cluster.Output;
        var api = new ClusterApi(apiProcess, Context);

        await api.PutYamlAsync($"/sim/tenants/{Tenant}", Scenario);
        await api.PutYamlAsync($"/sim/tenants/{Load}", LoadScenario);
        var configuration = await ConfigurationAsync(api);
        Assert.Equal((60, 2, 1, 1, 1, 3), configuration);

        // Finished calls: each leaves a CDR at once.
        for (var i = 0; i < FinishedCalls; i++)
        {
            await api.PostJsonAsync($"/sim/tenants/{Tenant}/calls", new { from = $"{1030 + i}", to = "5550104" });
        }

        await CdrsEventuallyAsync(api, FinishedCalls, Context);
        Phase("configuration and finished calls");

        // Live calls, spread by hash over the three silos.
        var calls = new List<string>();
        for (var i = 0; i < LiveCalls; i++)
        {
            var call = await api.PostJsonAsync($"/sim/tenants/{Tenant}/calls", new { from = $"{1000 + i}", to = "5550100" });
            calls.Add(call.GetProperty("callId").GetString()!);
        }

        await ClusterApi.EventuallyAsync("every call connected", ClusterLimit,
            async () => (await api.GetAsync($"/sim/tenants/{Tenant}/calls")).EnumerateArray().Count(c => c.GetProperty("phase").GetString() == "connected") == LiveCalls,
            Context);

        // Callers from outside waiting in queue "support", whose one member (a manual phone) rings for the oldest.
        var queued = new List<string>();
        for (var i = 0; i < QueuedCalls; i++)
        {
            var call = await api.PostJsonAsync($"/sim/tenants/{Tenant}/inbound", new { callerId = $"04710000{i:D2}", destination = "701" });
            queued.Add(call.GetProperty("callId").GetString()!);
        }

        await ClusterApi.EventuallyAsync("every caller in the queue", ClusterLimit,
            async () => (await api.GetAsync($"/sim/tenants/{Tenant}/queues/support")).GetProperty("calls").GetArrayLength() == QueuedCalls,
            Context);
        Phase("live calls connected, callers queued");
        await silos[2].KillAsync();

        // The API keeps answering; the calls that lived on the dead silo end everywhere, the others go on untouched.
        HashSet<string> survivors = [];
        HashSet<string> waiting = [];
        var lastSeen = "nothing read yet";
        await ClusterApi.EventuallyAsync("the lost silo's calls ended and the others listed as before", ClusterLimit, async () =>
        {
            if (await ReconciledQueueAsync(api, queued, seen => lastSeen = $"queue not reconciled: {seen}") is not { } alive)
            {
                return false;
            }

            waiting = alive;
            survivors = await ReconciledSurvivorsAsync(api, calls, alive, seen => lastSeen = $"queue reconciled, calls not: {seen}");
            return survivors.Count > 0;
        }, () => $"Last seen: {lastSeen}\n{Context()}");
        Assert.InRange(survivors.Count, 1, LiveCalls - 1);
        Phase($"silo lost; {survivors.Count} calls survived");
        await TrafficGoesOnAsync(api, Context);

        // Nothing is lost: configuration and CDRs are all there, and the survivors end with their CDRs.
        Assert.Equal(configuration, await ConfigurationAsync(api));
        Assert.Equal(FinishedCalls, await CdrCountAsync(api));
        foreach (var call in survivors)
        {
            var caller = (await api.GetAsync($"/sim/tenants/{Tenant}/calls/{call}")).GetProperty("source").GetString();
            await api.PostAsync($"/sim/tenants/{Tenant}/extensions/{caller}/hangup");
        }

        foreach (var call in waiting)
        {
            var caller = (await api.GetAsync($"/sim/tenants/{Tenant}/calls/{call}")).GetProperty("legs")[0].GetProperty("name").GetString();
            await api.PostAsync($"/sim/tenants/{Tenant}/channel/hangup?name={Uri.EscapeDataString(caller!)}");
        }

        Assert.Empty((await api.GetAsync($"/sim/tenants/{Tenant}/queues/support")).GetProperty("calls").EnumerateArray());
        await api.PostJsonAsync($"/sim/tenants/{Tenant}/calls", new { from = "1059", to = "5550104" });
        var cdrs = FinishedCalls + survivors.Count + waiting.Count + 1;
        await CdrsEventuallyAsync(api, cdrs, Context);
        await ClusterApi.EventuallyAsync("every phone idle", ClusterLimit, async () => await IdlePhonesAsync(api) == 60, Context);

        Phase("survivors ended");

        // A full stop and start: the second generation finds everything in Redis.
        await cluster.StopAllAsync(ct);
        Phase("stopped");
        var (_, secondApiProcess) = await cluster.StartAsync(3, "second", ct);
        Phase("started again");
        var second = new ClusterApi(secondApiProcess, Context);
        Assert.Equal(configuration, await ConfigurationAsync(second));
        Assert.Equal(cdrs, await CdrCountAsync(second));
        Assert.Empty((await second.GetAsync($"/sim/tenants/{Tenant}/calls")).EnumerateArray());
        Assert.Equal(60, await IdlePhonesAsync(second));
        await TrafficGoesOnAsync(second, () => cluster.Output);
        await second.PostJsonAsync($"/sim/tenants/{Tenant}/calls", new { from = "1000", to = "5550104" });
        await CdrsEventuallyAsync(second, cdrs + 1, () => cluster.Output);
    }

    /// <summary>The load tenant's generator places calls: its CDRs grow (read without touching the generator itself).</summary>
    private static async Task TrafficGoesOnAsync(ClusterApi api, Func<string> context)
    {
        var before = await CdrCountAsync(api, Load);
        await ClusterApi.EventuallyAsync("the load tenant's traffic going on", TimeSpan.FromSeconds(30),
            async () => await CdrCountAsync(api, Load) >= before + 3, context);
    }

    private static void Phase(string what) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");

    /// <summary>A call's CDR is written as it ends, which may be a moment after the request that ended it returned.</summary>
    private static async Task CdrsEventuallyAsync(ClusterApi api, int expected, Func<string> context)
    {
        var seen = -1;
        await ClusterApi.EventuallyAsync($"{expected} CDRs", TimeSpan.FromSeconds(20), async () => (seen = await CdrCountAsync(api)) >= expected, context);
        Assert.Equal(expected, seen);
    }

    /// <summary>
    /// The calls that live, once the cluster agrees: each call either answers as connected, is listed, and its
    /// caller's phone shows its channel up; or it is gone, unlisted, and its caller's phone shows no channel. Null
    /// members (an empty set) while the cluster does not agree yet.
    /// </summary>
    private static async Task<HashSet<string>> ReconciledSurvivorsAsync(ClusterApi api, List<string> calls, HashSet<string> waiting, Action<string> seen)
    {
        var listed = (await api.GetAsync($"/sim/tenants/{Tenant}/calls")).EnumerateArray().Select(c => c.GetProperty("callId").GetString()!).ToHashSet();
        var survivors = new HashSet<string>();
        for (var i = 0; i < calls.Count; i++)
        {
            var status = await api.StatusAsync($"/sim/tenants/{Tenant}/calls/{calls[i]}");
            var channels = (await api.GetAsync($"/sim/tenants/{Tenant}/extensions/{1000 + i}")).GetProperty("channels").EnumerateArray().ToList();
            if (status == HttpStatusCode.OK)
            {
                if (!listed.Contains(calls[i]) || channels.Count != 1 || channels[0].GetProperty("state").GetString() != "up"
                    || channels[0].GetProperty("callId").GetString() != calls[i])
                {
                    seen($"call {calls[i]} answers but listed={listed.Contains(calls[i])}, caller {1000 + i} channels={Describe(channels)}");
                    return [];
                }

                survivors.Add(calls[i]);
            }
            else if (status != HttpStatusCode.NotFound || listed.Contains(calls[i]) || channels.Count != 0)
            {
                seen($"call {calls[i]} answers {(int)status}, listed={listed.Contains(calls[i])}, caller {1000 + i} channels={Describe(channels)}");
                return [];
            }
        }

        if (!listed.SetEquals(survivors.Union(waiting)))
        {
            seen($"listed {listed.Count} calls, expected {survivors.Count} survivors and {waiting.Count} queued; extra: "
                + $"[{string.Join(", ", listed.Except(survivors.Union(waiting)))}], missing: [{string.Join(", ", survivors.Union(waiting).Except(listed))}]");
            return [];
        }

        if (survivors.Count == 0)
        {
            seen("no call survived");
        }

        return survivors;
    }

    private static string Describe(List<JsonElement> channels) =>
        $"[{string.Join(", ", channels.Select(c => $"{c.GetProperty("callId").GetString()}:{c.GetProperty("state").GetString()}"))}]";

    /// <summary>
    /// The queued callers that live, once the queue agrees: the queue holds exactly the callers whose calls answer, and
    /// its member's phone rings only for one of them. Null while the cluster does not agree yet.
    /// </summary>
    private static async Task<HashSet<string>?> ReconciledQueueAsync(ClusterApi api, List<string> queued, Action<string> seen)
    {
        var alive = new HashSet<string>();
        foreach (var call in queued)
        {
            var status = await api.StatusAsync($"/sim/tenants/{Tenant}/calls/{call}");
            if (status == HttpStatusCode.OK)
            {
                alive.Add(call);
            }
            else if (status != HttpStatusCode.NotFound)
            {
                seen($"queued call {call} answers {(int)status}");
                return null;
            }
        }

        var inQueue = (await api.GetAsync($"/sim/tenants/{Tenant}/queues/support")).GetProperty("calls").EnumerateArray()
            .Select(c => c.GetProperty("callId").GetString()!).ToHashSet();
        var member = (await api.GetAsync($"/sim/tenants/{Tenant}/extensions/1052")).GetProperty("channels").EnumerateArray()
            .Select(c => c.GetProperty("callId").GetString()!).ToList();
        if (inQueue.SetEquals(alive) && member.All(alive.Contains))
        {
            return alive;
        }

        seen($"alive [{string.Join(", ", alive)}], in queue [{string.Join(", ", inQueue)}], member 1052 rings for [{string.Join(", ", member)}]");
        return null;
    }

    private static async Task<(int Extensions, int Queues, int Agents, int RingGroups, int ParkingLots, int QueueMembers)> ConfigurationAsync(ClusterApi api)
    {
        var tenant = await api.GetAsync($"/sim/tenants/{Tenant}");
        int Count(string name) => tenant.GetProperty(name).GetArrayLength();
        var queues = await api.GetAsync($"/sim/tenants/{Tenant}/queues");
        var members = queues.EnumerateArray().Sum(q => q.GetProperty("members").GetArrayLength());
        return (Count("extensions"), Count("queues"), Count("agents"), Count("ringGroups"), Count("parkingLots"), members);
    }

    private static async Task<int> CdrCountAsync(ClusterApi api, string tenant = Tenant) =>
        (await api.GetAsync($"/sim/tenants/{tenant}/cdrs")).GetArrayLength();

    private static async Task<int> IdlePhonesAsync(ClusterApi api) =>
        (await api.GetAsync($"/sim/tenants/{Tenant}/extensions")).EnumerateArray()
            .Count(e => e.GetProperty("deviceState").GetString() == "notInUse" && e.GetProperty("channels").GetArrayLength() == 0);
}
