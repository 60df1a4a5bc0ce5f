using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Model;
using PbxGrains.Host.Api.Models;

namespace PbxGrains.Host.Api;

/// <summary>Queues: their published snapshots.</summary>
public static partial class SimApi
{
    private static void MapQueues(RouteGroupBuilder queues)
    {
        queues.MapGet("/", ListQueues).WithSummary("Every queue with its calls, members and statistics.");
        queues.MapGet("/{name}", GetQueue).WithSummary("One queue's snapshot.");
    }

    private static async Task<Ok<QueueResponse[]>> ListQueues(string tenant, PbxClient pbx)
    {
        var catalogue = await pbx.Tenant(tenant).GetAsync();
        var snapshots = await Task.WhenAll((catalogue?.Queues ?? []).Select(q => pbx.Queue(tenant, q).GetSnapshotAsync()));
        return TypedResults.Ok(snapshots.Where(s => s.Exists).Select(s => s.AsResponse()).ToArray());
    }

    private static async Task<Results<Ok<QueueResponse>, ProblemHttpResult>> GetQueue(string tenant, string name, PbxClient pbx)
    {
        var snapshot = await pbx.Queue(tenant, name).GetSnapshotAsync();
        return snapshot.Exists
            ? TypedResults.Ok(snapshot.AsResponse())
            : SimProblems.From(DomainError.QueueNotFound, $"queue {name} does not exist");
    }
}
