using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Client;

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
        Records = async request => [.. (await request.Pbx.ListQueuesAsync(request.Tenant))
            .Where(s => s.Config is not null)
            .OrderBy(s => s.Config!.Key(), StringComparer.Ordinal)
            .Select(s => s.Config!.AsIssabel())],
        Find = async (request, id) => (await FindQueueAsync(request.Pbx, request.Tenant, id))?.AsIssabel(),
        Create = CreateQueueAsync,
        Update = PutQueueAsync,
        Delete = DeleteQueuesAsync,
    };

    /// <summary>POST creates on the number the body names (<c>extension</c>), else on the next free number.</summary>
    public static Task<IssabelAnswer> CreateQueueAsync(IssabelRequest request) => CreateAsync(
        request,
        Queues,
        RequestedNumber,
        // Issabel's queues are their numbers: a queue is named after the number it is created on.
        (number, fields) => (number is null ? new QueueConfig { Name = "" } : new QueueConfig { Name = number, Number = number }).Apply(fields),
        (tenant, template, settings) => tenant.CreateQueueAsync(template, settings.FirstQueue),
        (tenant, template) => tenant.AddQueueAsync(template));

    public static async Task<IssabelAnswer> PutQueueAsync(IssabelRequest request, string id)
    {
        var (fields, refusal) = await IssabelFields.ReadAsync(request.Context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        var current = await FindQueueAsync(request.Pbx, request.Tenant, id);
        if (current is null && !DialableNumber.IsValid(id))
        {
            return IssabelAnswer.Invalid([IssabelErrors.NotDialable("extension")]);
        }

        var next = (current ?? new QueueConfig { Name = id, Number = id }).Apply(fields);
        if (!fields.IsValid)
        {
            return IssabelAnswer.Invalid(fields.Problems);
        }

        var result = await request.Pbx.Tenant(request.Tenant).UpsertQueueAsync(next);
        return Upserted(request, Queues, id, created: current is null, result);
    }

    public static async Task<IssabelAnswer> DeleteQueuesAsync(IssabelRequest request, string ids)
    {
        var (fields, refusal) = await ReadReloadAsync(request);
        if (fields is null)
        {
            return refusal!;
        }

        var names = new List<string>();
        foreach (var id in Ids(ids))
        {
            if (await FindQueueAsync(request.Pbx, request.Tenant, id) is not { } queue)
            {
                return IssabelAnswer.NotFound();
            }

            names.Add(queue.Name);
        }

        return Deleted(await request.Pbx.Tenant(request.Tenant).RemoveQueuesAsync([.. names]));
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
