using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PbxGrains.Load.Running;
using PbxGrains.Load.Targets;

namespace PbxGrains.Load.Hosting;

/// <summary>The control API (<c>/sim</c>) and <c>/load/process</c>, as the suite uses them outside any measurement.</summary>
public sealed class SimControl(LoadHttp http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task CreateTenantAsync(LoadTenant tenant, CancellationToken ct)
    {
        using var content = new StringContent(tenant.Yaml, Encoding.UTF8, "application/yaml");
        using var response = await http.Client.PutAsync($"/sim/tenants/{tenant.Id}", content, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT /sim/tenants/{tenant.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        }
    }

    public async Task DeleteTenantAsync(string tenant, CancellationToken ct)
    {
        using var response = await http.Client.DeleteAsync($"/sim/tenants/{tenant}", ct);
        if (response.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.NotFound))
        {
            throw new InvalidOperationException($"DELETE /sim/tenants/{tenant}: {(int)response.StatusCode}");
        }
    }

    public async Task<int> LiveCallsAsync(string tenant, CancellationToken ct)
    {
        var view = await http.Client.GetFromJsonAsync<JsonElement>($"/sim/tenants/{tenant}", Json, ct);
        return view.GetProperty("liveCalls").GetInt32();
    }

    public async Task<int> LiveCallsAsync(IReadOnlyList<LoadTenant> tenants, CancellationToken ct)
    {
        var total = 0;
        foreach (var tenant in tenants)
        {
            total += await LiveCallsAsync(tenant.Id, ct);
        }

        return total;
    }

    /// <summary>Waits (bounded by <paramref name="limit"/>) until the tenants hold <paramref name="target"/> live calls.</summary>
    /// <returns>The live calls reached and how long it took.</returns>
    public async Task<(int Live, TimeSpan Took)> WaitForLiveCallsAsync(IReadOnlyList<LoadTenant> tenants, int target, TimeSpan limit, TextWriter log, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var live = 0;
        var stable = 0;
        while (clock.Elapsed < limit)
        {
            var now = await LiveCallsAsync(tenants, ct);
            stable = now == live ? stable + 1 : 0;
            live = now;
            log.WriteLine($"  live calls: {live}/{target} after {clock.Elapsed.TotalSeconds:0.0} s");
            if (live >= target)
            {
                return (live, clock.Elapsed);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }

        return (live, clock.Elapsed);
    }

    public async Task<ProcessFigures> ProcessAsync(bool collect, CancellationToken ct) =>
        await http.Client.GetFromJsonAsync<ProcessFigures>($"/load/process?collect={(collect ? "true" : "false")}", Json, ct)
        ?? throw new InvalidOperationException("GET /load/process answered nothing");

    /// <summary>The size of a target's answer (a few probes, averaged): the baseline's answer is made this size.</summary>
    public async Task<int> ProbeSizeAsync(IEnumerable<string> paths, CancellationToken ct)
    {
        var sizes = new List<int>();
        foreach (var path in paths)
        {
            using var response = await http.Client.GetAsync(path, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"probe GET {path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
            }

            sizes.Add(body.Length);
        }

        return sizes.Count == 0 ? 0 : (int)sizes.Average();
    }
}

/// <summary>The host's answer of <c>GET /load/process</c>.</summary>
public sealed record ProcessFigures(
    int Pid,
    int Processors,
    long WorkingSetBytes,
    long PrivateBytes,
    long ManagedHeapBytes,
    long GcHeapSizeBytes,
    double CpuSeconds,
    double UptimeSeconds,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double GcPauseSeconds = 0,
    string GcMode = "");
