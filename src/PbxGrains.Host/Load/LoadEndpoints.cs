using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;

namespace PbxGrains.Host.Load;

/// <summary>
/// Two small endpoints for the load suites (<c>load/PbxGrains.Load</c>), under <c>/load</c>:
/// <list type="bullet">
/// <item><c>GET /load/baseline?bytes=N</c> — a static answer of N bytes (default 512, at most 1 MiB) that touches no
/// grain: interleaved with a vendor poll in the same schedule, it shows what Kestrel, the middleware and the machine
/// cost by themselves, so a report can give the poll's latency as a ratio to it;</item>
/// <item><c>GET /load/process[?collect=true]</c> — this process's working set, managed heap and CPU time, so memory per
/// live call and the host's CPU can be measured against a host the suite did not start (a URL) as well;</item>
/// <item><c>GET /load/cluster</c> — the silos the cluster's membership lists as active, as this process sees them, so the
/// chaos scenario can tell when a cluster it disturbed has its silos back (a killed silo stays listed until declared dead).</item>
/// </list>
/// Neither reveals anything of a tenant. Both answer loopback callers only unless the host allows others
/// (<see cref="LoadEndpointAccess"/>).
/// </summary>
public static class LoadEndpoints
{
    public const int MaxBaselineBytes = 1 << 20;

    private const int DefaultBaselineBytes = 512;

    private static readonly TimeSpan ClusterReadLimit = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapLoadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var load = endpoints.MapGroup("/load").WithTags("Load suites").LocalUnlessAllowed();
        load.MapGet("/baseline", Baseline)
            .WithSummary("A static answer of `bytes` bytes that touches no grain: the load suites' baseline.");
        load.MapGet("/process", ProcessFigures)
            .WithSummary("Working set, managed heap and CPU time of this process (`collect=true` collects garbage first).");
        load.MapGet("/cluster", ActiveSilosAsync)
            .WithSummary("The silos the cluster's membership lists as active, as this process sees them.");
        return endpoints;
    }

    private static Results<FileContentHttpResult, BadRequest<string>> Baseline(int? bytes)
    {
        var size = bytes ?? DefaultBaselineBytes;
        if (size is < 0 or > MaxBaselineBytes)
        {
            return TypedResults.BadRequest($"bytes: must be between 0 and {MaxBaselineBytes}");
        }

        // A slice of one immutable body: nothing is made per request. Same content type as the text surfaces.
        return TypedResults.Bytes(BaselineBody.Bytes.AsMemory(0, size), "text/html; charset=UTF-8");
    }

    private static Ok<ProcessFiguresResponse> ProcessFigures(bool? collect)
    {
        if (collect == true)
        {
            // Measurement only, never on the polled path: a full blocking collection makes the heap figure exact.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return TypedResults.Ok(new ProcessFiguresResponse(
            process.Id,
            Environment.ProcessorCount,
            process.WorkingSet64,
            process.PrivateMemorySize64,
            GC.GetTotalMemory(forceFullCollection: false),
            gc.HeapSizeBytes,
            process.TotalProcessorTime.TotalSeconds,
            (DateTime.UtcNow - process.StartTime.ToUniversalTime()).TotalSeconds,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalSeconds,
            GcMode()));
    }

    private static async Task<Results<Ok<ClusterResponse>, ProblemHttpResult>> ActiveSilosAsync(IServiceProvider services, CancellationToken ct)
    {
        // Resolved here rather than bound: arguments are bound before the access filter runs, and a refused caller must
        // get its 403 whatever this process holds.
        var grains = services.GetRequiredService<IGrainFactory>();
        try
        {
            // The membership's view held by a silo (no table read), so it answers while the membership table is unreachable.
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(ClusterReadLimit, ct);
            var silos = hosts.Keys.Select(s => new ActiveSilo(s.Endpoint.Address.ToString(), s.Endpoint.Port)).OrderBy(s => s.Port).ToList();
            return TypedResults.Ok(new ClusterResponse(silos.Count, silos));
        }
        catch (Exception error) when (error is TimeoutException or OrleansException or SiloUnavailableException)
        {
            return TypedResults.Problem($"The cluster did not answer: {error.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The collector this process runs: server or workstation, and its latency mode (Interactive: background collections).</summary>
    private static string GcMode() =>
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {System.Runtime.GCSettings.LatencyMode}";

    /// <summary>The baseline's body, made once on first use and never written again.</summary>
    private static class BaselineBody
    {
        // Lines of CSV-like text, so the body transfers like a vendor's text answer would.
        public static readonly byte[] Bytes = Make();

        private static byte[] Make()
        {
            var line = "1267042128.359,99532356420,Georgia,WAITING,14:15:16,,\n"u8;
            var body = new byte[MaxBaselineBytes];
            for (var i = 0; i < body.Length; i++)
            {
                body[i] = line[i % line.Length];
            }

            return body;
        }
    }
}

/// <summary>The answer of <c>GET /load/process</c>; sizes in bytes, times in seconds.</summary>
public sealed record ProcessFiguresResponse(
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
    double GcPauseSeconds,
    string GcMode);

/// <summary>The answer of <c>GET /load/cluster</c>: the active silos by address and silo port.</summary>
public sealed record ClusterResponse(int ActiveSilos, IReadOnlyList<ActiveSilo> Silos);

public sealed record ActiveSilo(string Address, int Port);
