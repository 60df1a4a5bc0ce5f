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

    /// <summary>The queues, by the number that dials them; searched by name (the real server's <c>descr</c>).</summary>
    private static IssabelResource QueueResource() => new()
    {
        Name = Queues,
        AllFields = IssabelQueue.AllFields,
        DefaultFields = IssabelQueue.DefaultFields,
        Records = async context =>
        {
            var pbx = IssabelServices.Of(context).Pbx;
            var tenant = context.GetTenant();
            var catalogue = await pbx.Tenant(tenant).GetAsync();
            var snapshots = await Task.WhenAll((catalogue?.Queues ?? []).Select(q => pbx.Queue(tenant, q).GetSnapshotAsync()));
            return [.. snapshots
                .Where(s => s.Exists && s.Config is not null)
                .OrderBy(s => s.Config!.Key(), StringComparer.Ordinal)
                .Select(s => s.Config!.AsIssabel())];
        },
        Find = async (context, id) => (await FindQueueAsync(IssabelServices.Of(context).Pbx, context.GetTenant(), id))?.AsIssabel(),
        Create = CreateQueueAsync,
        Update = PutQueueAsync,
        Delete = DeleteQueuesAsync,
    };

    /// <summary>POST creates on the number the body names (<c>extension</c>), else on the next free number.</summary>
    public static async Task<IResult> CreateQueueAsync(HttpContext context)
    {
        var (services, tenant, settings) = await IssabelServices.ForAsync(context);
        var (fields, refusal) = await IssabelFields.ReadAsync(context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        var number = RequestedNumber(fields);
        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        // Issabel's queues are their numbers: a queue is named after the number it is created on.
        var template = (number is null ? new QueueConfig { Name = "" } : new QueueConfig { Name = number, Number = number }).Apply(fields);
        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var pbxTenant = services.Pbx.Tenant(tenant);
        var created = number is null
            ? await pbxTenant.CreateQueueAsync(template, settings.FirstQueue)
            : Numbered(await pbxTenant.AddQueueAsync(template), number);
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
