using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Issabel;

public static partial class IssabelApi
{
    private const string Queues = "queues";

    private static void MapQueues(RouteGroupBuilder queues)
    {
        queues.MapGet("", ListQueuesAsync);
        queues.MapPost("", (Delegate)CreateQueueAsync);
        queues.MapMethods("", [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], MethodNotAllowed);
        queues.MapGet("/{id}", GetQueueAsync);
        queues.MapPut("/{id}", PutQueueAsync);
        queues.MapDelete("/{ids}", DeleteQueuesAsync);
        queues.MapPost("/{id}", PostWithId);
        queues.MapMethods("/{id}", [HttpMethods.Patch], MethodNotAllowed);
    }

    public static async Task<IResult> ListQueuesAsync(HttpContext context, string? fields)
    {
        var (selection, problem) = FieldSelection.Parse(fields, IssabelQueue.AllFields, IssabelQueue.DefaultFields);
        if (selection is null)
        {
            return IssabelResults.Error(StatusCodes.Status422UnprocessableEntity, problem!);
        }

        var pbx = IssabelServices.Of(context).Pbx;
        var tenant = context.GetTenant();
        var catalogue = await pbx.Tenant(tenant).GetAsync();
        var snapshots = await Task.WhenAll((catalogue?.Queues ?? []).Select(q => pbx.Queue(tenant, q).GetSnapshotAsync()));
        return IssabelResults.Records(snapshots
            .Where(s => s.Exists && s.Config is not null)
            .OrderBy(s => s.Config!.Key(), StringComparer.Ordinal)
            .Select(s => selection.Apply(s.Config!.AsIssabel())));
    }

    public static async Task<IResult> GetQueueAsync(HttpContext context, string id, string? fields)
    {
        var (selection, problem) = FieldSelection.Parse(fields, IssabelQueue.AllFields, IssabelQueue.DefaultFields);
        if (selection is null)
        {
            return IssabelResults.Error(StatusCodes.Status422UnprocessableEntity, problem!);
        }

        var config = await FindQueueAsync(IssabelServices.Of(context).Pbx, context.GetTenant(), id);
        return config is null ? IssabelResults.NotFound() : IssabelResults.Records([selection.Apply(config.AsIssabel())]);
    }

    public static async Task<IResult> CreateQueueAsync(HttpContext context)
    {
        var (services, tenant, settings) = await IssabelServices.ForAsync(context);
        var (fields, refusal) = await IssabelFields.ReadAsync(context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        if (fields.Has("extension"))
        {
            return PostWithId();
        }

        // The tenant names the queue after the number it picks (Issabel's queues are their numbers).
        var template = new QueueConfig { Name = "" }.Apply(fields);
        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var created = await services.Pbx.Tenant(tenant).CreateQueueAsync(template, settings.FirstQueue);
        return created.IsOk
            ? TypedResults.Created(Location(context, Queues, created.Value!))
            : IssabelResults.FromDomain(created.AsResult(), "extension");
    }

    public static async Task<IResult> PutQueueAsync(HttpContext context, string id)
    {
        var (fields, refusal) = await IssabelFields.ReadAsync(context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        var pbx = IssabelServices.Of(context).Pbx;
        var tenant = context.GetTenant();
        var current = await FindQueueAsync(pbx, tenant, id);
        if (current is null && !IssabelFields.IsDialable(id))
        {
            return IssabelResults.Error(StatusCodes.Status422UnprocessableEntity, "extension: must be 1 to 20 digits, '*' or '#'");
        }

        var next = (current ?? new QueueConfig { Name = id, Number = id }).Apply(fields);
        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var result = await pbx.Tenant(tenant).UpsertQueueAsync(next);
        if (!result.IsOk)
        {
            return IssabelResults.FromDomain(result, "extension");
        }

        if (current is null)
        {
            context.Response.Headers.Location = Location(context, Queues, id);
        }

        return IssabelResults.NoContent200();
    }

    public static async Task<IResult> DeleteQueuesAsync(HttpContext context, string ids)
    {
        var (fields, refusal) = await ReadReloadAsync(context);
        if (fields is null)
        {
            return refusal!;
        }

        var pbx = IssabelServices.Of(context).Pbx;
        var tenant = context.GetTenant();
        var names = new List<string>();
        foreach (var id in Ids(ids))
        {
            if (await FindQueueAsync(pbx, tenant, id) is not { } queue)
            {
                return IssabelResults.NotFound();
            }

            names.Add(queue.Name);
        }

        var result = await pbx.Tenant(tenant).RemoveQueuesAsync([.. names]);
        return result.IsOk ? IssabelResults.NoContent200() : IssabelResults.FromDomain(result, "extension");
    }

    /// <summary>A queue by the number that dials it (or its name, for a queue without a number).</summary>
    private static async Task<QueueConfig?> FindQueueAsync(PbxClient pbx, string tenant, string id)
    {
        var destination = await pbx.Tenant(tenant).ResolveAsync(id);
        if (destination.Kind != DestinationKind.Queue)
        {
            return null;
        }

        var snapshot = await pbx.Queue(tenant, destination.Key).GetSnapshotAsync();
        return snapshot.Exists ? snapshot.Config : null;
    }
}
