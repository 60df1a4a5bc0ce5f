using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Host.Api.Models;

namespace PbxGrains.Host.Api;

/// <summary>Queues: their published snapshots.</summary>
public static partial class SimApi
{
    private static void MapQueues(RouteGroupBuilder queues)
    {
        queues.MapGet("/", ListQueues).WithSummary("Every queue with its calls, members and statistics.");
        queues.MapGet("/{name}", GetQueue).WithSummary("One queue's snapshot.");
        queues.MapPost("/{name}/statistics/reset", ResetStatistics).WithSummary("Clears the queue's statistics; they count again from now.");
    }

    private static async Task<Ok<QueueResponse[]>> ListQueues(string tenant, PbxClient pbx)
    {
        var snapshots = await pbx.ListQueuesAsync(tenant);
        var now = pbx.Clock.Now;
        return TypedResults.Ok(snapshots.Select(s => s.AsResponse(now)).ToArray());
    }

    private static async Task<Results<Ok<QueueResponse>, ProblemHttpResult>> GetQueue(string tenant, string name, PbxClient pbx)
    {
        var snapshot = await pbx.Queue(tenant, name).GetSnapshotAsync();
        return snapshot.Exists
            ? TypedResults.Ok(snapshot.AsResponse(pbx.Clock.Now))
            : SimProblems.From(DomainError.QueueNotFound, $"queue {name} does not exist");
    }

    private static async Task<Results<Ok<QueueResponse>, ProblemHttpResult>> ResetStatistics(string tenant, string name, PbxClient pbx)
    {
        var queue = pbx.Queue(tenant, name);
        if (!(await queue.GetSnapshotAsync()).Exists)
        {
            return SimProblems.From(DomainError.QueueNotFound, $"queue {name} does not exist");
        }

        await queue.ResetStatisticsAsync();
        return TypedResults.Ok((await queue.GetSnapshotAsync()).AsResponse(pbx.Clock.Now));
    }
}
