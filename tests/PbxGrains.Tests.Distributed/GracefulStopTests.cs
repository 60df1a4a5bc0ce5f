using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PbxGrains.Tests.Shared.Processes;

namespace PbxGrains.Tests.Distributed;

/// <summary>
/// A real cluster on this machine (one Redis, three silo-only processes, one API-only process) with live calls in
/// every interesting state: talking, on hold, parked, ringing, waiting in a queue, and a generator placing calls. A
/// graceful stop (SIGTERM, as Kubernetes stops a pod) of one silo, and then a rolling restart of every silo in turn,
/// must end none of them: every call answers afterwards with the very picture it had (the same version: no change was
/// shown), no CDR is written meanwhile (none failed), and each then ends normally with its CDR.
/// </summary>
public sealed class GracefulStopTests
{
    private const string Tenant = "moves";
    private const string Load = "moving-load";

    // Manual phones (nobody answers unless told) that ring for ten minutes; 5550100 answers at once and stays; 5550104 is
    // congestion at once. Queue "support" rings its one manual member for the oldest caller for ten minutes; parked calls
    // ring back only after an hour. So nothing changes by itself while the test runs: any change would be the stops'.
    private const string Scenario = """
        tenant: moves
        extensionGroups:
          - {from: 1000, to: 1039, registered: true, ringTimer: 600}
        queues:
          - {name: support, number: "701", strategy: ringall, memberTimeout: 600, members: ["1039"]}
        parking:
          - {name: default, firstSlot: 801, slots: 10, timeout: 3600}
        """;

    // Steady traffic of calls that end at once, each with a CDR: the generator must keep placing them through the stops.
    private const string LoadScenario = """
        tenant: moving-load
        extensionGroups:
          - {from: 2000, to: 2004, registered: true}
        traffic:
          - {name: out, kind: outbound, callsPerHour: 7200, sources: ["2000", "2001", "2002", "2003", "2004"], destinations: ["5550104"]}
        """;

    private const int Talking = 9;
    private const int Held = 3;
    private const int Parked = 3;
    private const int Ringing = 3;
    private const int Queued = 4;

    private static readonly TimeSpan ClusterLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_graceful_stop_and_a_rolling_restart_of_every_silo_end_no_live_call()
    {
        var executable = RedisServer.Executable();
        if (executable is null)
        {
            Assert.Skip(RedisServer.MissingMessage);
        }

        var ct = TestContext.Current.CancellationToken;
        await using var redis = await RedisServer.StartAsync(executable, ct);
        await using var cluster = new LocalCluster(redis, $"tests-{Guid.NewGuid():N}", RepositoryLayoutAttribute.Current.Host, LocalCluster.FastFailureDetection);
        var (first, apiProcess) = await cluster.StartAsync(3, "first", ct);
        var silos = first.ToList();
        string Context() => cluster.Output;
        var api = new ClusterApi(apiProcess, Context);
        Phase("cluster started");

        await api.PutYamlAsync($"/sim/tenants/{Tenant}", Scenario);
        await api.PutYamlAsync($"/sim/tenants/{Load}", LoadScenario);
        var calls = await PlaceCallsAsync(api, Context);
        var pictures = await PicturesAsync(api, calls);
        Phase($"{calls.Count} live calls placed");

        // One silo stops gracefully: its calls move to the other two.
        var stopped = await StopAsync(silos[2], ct);
        silos.RemoveAt(2);
        Phase($"silo stopped in {stopped.TotalSeconds:F1} s");
        await SameCallsAsync(api, calls, pictures, "after one silo stopped", Context);
        var moved = await MigratedCallsAsync(silos);
        Phase($"{moved} calls arrived on the surviving silos");
        Assert.True(moved > 0, $"the stopped silo held none of the {calls.Count} calls: nothing was tested\n{Context()}");
        await TrafficGoesOnAsync(api, Context);

        // A rolling restart: each silo in turn is replaced by a new one, which starts before the old one stops.
        var generation = 0;
        foreach (var old in silos.ToList())
        {
            var replacement = cluster.Start($"rolled{++generation}-silo", "Silo");
            await replacement.WaitReadyAsync(ClusterLimit, ct);
            var took = await StopAsync(old, ct);
            silos.Remove(old);
            silos.Add(replacement);
            Phase($"rolled silo {generation}: stopped in {took.TotalSeconds:F1} s");
            await SameCallsAsync(api, calls, pictures, $"after rolling silo {generation}", Context);
        }

        var replacement3 = cluster.Start($"rolled{++generation}-silo", "Silo");
        await replacement3.WaitReadyAsync(ClusterLimit, ct);
        silos.Add(replacement3);
        await TrafficGoesOnAsync(api, Context);
        Phase("rolling restart done; every call still live");

        // Every call ends normally now, each with one CDR, and none failed.
        await api.PostAsync($"/sim/tenants/{Load}/traffic/out/stop");
        foreach (var leg in pictures.Values.SelectMany(p => p.Legs))
        {
            // Every leg hangs up; a leg whose call ended with an earlier one is gone already (404).
            using var _ = await api.SendAsync(HttpMethod.Post, $"/sim/tenants/{Tenant}/channel/hangup?name={Uri.EscapeDataString(leg.Name)}");
        }

        await ClusterApi.EventuallyAsync($"{calls.Count} CDRs", ClusterLimit,
            async () => (await CdrsAsync(api, Tenant)).Count == calls.Count, Context);
        var cdrs = await CdrsAsync(api, Tenant);
        Assert.Equal(calls.Order(), cdrs.Select(c => c.UniqueId).Order());
        Assert.DoesNotContain(cdrs, c => c.Disposition == "failed");
        Assert.DoesNotContain(await CdrsAsync(api, Load), c => c.Disposition == "failed");
        Assert.Empty((await api.GetAsync($"/sim/tenants/{Tenant}/calls")).EnumerateArray());

        // The last silo has nowhere to move a call to: a call live on it ends with it, counted and logged.
        var stranded = (await api.PostJsonAsync($"/sim/tenants/{Tenant}/calls", new { from = "1000", to = "5550100" })).GetProperty("callId").GetString()!;
        foreach (var silo in silos.SkipLast(1))
        {
            await StopAsync(silo, ct);
        }

        await ClusterApi.EventuallyAsync("the call live on the last silo", ClusterLimit,
            async () => (await ListAsync(api)).Any(c => c.CallId == stranded && c.Phase == "connected"), Context);
        await StopAsync(silos[^1], ct);
        Assert.Contains($"Call {stranded} of {Tenant} could not move to another silo", silos[^1].Output);
        Phase("the last silo stopped; its call ended with it");
    }

    /// <summary>Live calls in every state the test follows; their ids.</summary>
    private static async Task<List<string>> PlaceCallsAsync(ClusterApi api, Func<string> context)
    {
        var calls = new List<string>();
        async Task<string> DialAsync(string from, string to)
        {
            var call = (await api.PostJsonAsync($"/sim/tenants/{Tenant}/calls", new { from, to })).GetProperty("callId").GetString()!;
            calls.Add(call);
            return call;
        }

        var connected = new List<string>();
        for (var i = 0; i < Talking + Held + Parked; i++)
        {
            connected.Add(await DialAsync($"{1000 + i}", "5550100"));
        }

        for (var i = 0; i < Ringing; i++)
        {
            await DialAsync($"{1020 + (2 * i)}", $"{1021 + (2 * i)}");
        }

        for (var i = 0; i < Queued; i++)
        {
            var call = await api.PostJsonAsync($"/sim/tenants/{Tenant}/inbound", new { callerId = $"04720000{i:D2}", destination = "701" });
            calls.Add(call.GetProperty("callId").GetString()!);
        }

        await ClusterApi.EventuallyAsync("every outside call connected", ClusterLimit,
            async () => (await ListAsync(api)).Count(c => c.Phase == "connected") == connected.Count, context);
        for (var i = 0; i < Held; i++)
        {
            await api.PostAsync($"/sim/tenants/{Tenant}/extensions/{1000 + Talking + i}/hold");
        }

        for (var i = 0; i < Parked; i++)
        {
            var leg = (await api.GetAsync($"/sim/tenants/{Tenant}/extensions/{1000 + Talking + Held + i}")).GetProperty("channels")[0].GetProperty("name").GetString()!;
            await api.PostJsonAsync($"/sim/tenants/{Tenant}/channel/park?name={Uri.EscapeDataString(leg)}&lot=default", new { });
        }

        await ClusterApi.EventuallyAsync("every call in its state", ClusterLimit, async () =>
        {
            var listed = await ListAsync(api);
            return listed.Count == calls.Count
                && listed.Count(c => c.Phase == "parked") == Parked
                && listed.Count(c => c.Phase == "queued") == Queued
                && listed.Count(c => c.Phase == "dialing") == Ringing
                && listed.Count(c => c.Legs.Any(l => l.OnHold)) == Held;
        }, context);
        return calls;
    }

    /// <summary>Stops a silo as Kubernetes does (SIGTERM) and waits for it to exit; how long that took.</summary>
    private static async Task<TimeSpan> StopAsync(HostProcess silo, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await silo.StopAsync(ct);
        Assert.True(silo.HasExited, $"{silo.Name} did not stop");
        return clock.Elapsed;
    }

    /// <summary>Every call answers with the picture it had (the same version: nothing changed) and the listing, queue and lot agree.</summary>
    private static async Task SameCallsAsync(ClusterApi api, List<string> calls, Dictionary<string, CallPicture> pictures, string when, Func<string> context)
    {
        var last = "nothing read yet";
        await ClusterApi.EventuallyAsync($"every call as it was {when}", ClusterLimit, async () =>
        {
            foreach (var call in calls)
            {
                var now = Picture(await api.GetAsync($"/sim/tenants/{Tenant}/calls/{call}"));
                if (!now.Equals(pictures[call]))
                {
                    last = $"call {call}: {now} instead of {pictures[call]}";
                    return false;
                }
            }

            var listed = (await ListAsync(api)).Select(c => c.CallId).Order().ToList();
            var queue = (await api.GetAsync($"/sim/tenants/{Tenant}/queues/support")).GetProperty("calls").GetArrayLength();
            var parked = (await api.GetAsync($"/sim/tenants/{Tenant}/parking")).EnumerateArray().Sum(l => l.GetProperty("parked").GetArrayLength());
            last = $"listed {listed.Count}, queue {queue}, parked {parked}";
            return listed.SequenceEqual(calls.Order()) && queue == Queued && parked == Parked;
        }, () => $"Last seen: {last}\n{context()}");

        // Nothing ended: no CDR, so none failed.
        Assert.Empty(await CdrsAsync(api, Tenant));
    }

    private static async Task<Dictionary<string, CallPicture>> PicturesAsync(ClusterApi api, List<string> calls)
    {
        var pictures = new Dictionary<string, CallPicture>();
        foreach (var call in calls)
        {
            pictures[call] = Picture(await api.GetAsync($"/sim/tenants/{Tenant}/calls/{call}"));
        }

        return pictures;
    }

    /// <summary>The calls that arrived on these silos from a stopping one (their <c>pbx.calls.migrated</c> counters).</summary>
    private static async Task<long> MigratedCallsAsync(IEnumerable<HostProcess> silos)
    {
        long total = 0;
        foreach (var silo in silos)
        {
            var metrics = await silo.Http.GetStringAsync("/metrics");
            foreach (var line in metrics.Split('\n').Where(l => l.StartsWith("pbx_calls_migrated", StringComparison.Ordinal)))
            {
                total += (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    /// <summary>The load tenant's generator places calls: its CDRs grow.</summary>
    private static async Task TrafficGoesOnAsync(ClusterApi api, Func<string> context)
    {
        var before = (await CdrsAsync(api, Load)).Count;
        await ClusterApi.EventuallyAsync("the load tenant's traffic going on", TimeSpan.FromSeconds(30),
            async () => (await CdrsAsync(api, Load)).Count >= before + 3, context);
    }

    private static void Phase(string what) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {what}");

    private static async Task<List<CallPicture>> ListAsync(ClusterApi api) =>
        [.. (await api.GetAsync($"/sim/tenants/{Tenant}/calls")).EnumerateArray().Select(Picture)];

    private static async Task<List<(string UniqueId, string Disposition)>> CdrsAsync(ClusterApi api, string tenant) =>
        [.. (await api.GetAsync($"/sim/tenants/{tenant}/cdrs")).EnumerateArray()
            .Select(c => (c.GetProperty("uniqueId").GetString()!, c.GetProperty("disposition").GetString()!))];

    private static CallPicture Picture(JsonElement call) => new(
        call.GetProperty("callId").GetString()!,
        call.GetProperty("phase").GetString()!,
        call.GetProperty("version").GetInt64(),
        [.. call.GetProperty("legs").EnumerateArray().Select(l => new LegPicture(
            l.GetProperty("name").GetString()!,
            l.GetProperty("endpoint").GetString()!,
            l.GetProperty("state").GetString()!,
            l.GetProperty("onHold").GetBoolean(),
            l.GetProperty("version").GetInt64()))]);

    private sealed record CallPicture(string CallId, string Phase, long Version, List<LegPicture> Legs)
    {
        public bool Equals(CallPicture? other) =>
            other is not null && (CallId, Phase, Version) == (other.CallId, other.Phase, other.Version) && Legs.SequenceEqual(other.Legs);

        public override int GetHashCode() => HashCode.Combine(CallId, Phase, Version);

        public override string ToString() => $"{Phase} v{Version} [{string.Join(", ", Legs)}]";
    }

    private sealed record LegPicture(string Name, string Endpoint, string State, bool OnHold, long Version);
}
