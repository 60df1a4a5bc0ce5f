using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;

namespace PbxGrains.Surfaces.Issabel;

public static partial class IssabelApi
{
    private const string RingGroups = "ringgroups";

    /// <summary>The ring groups: searched by name (the real server's <c>description</c>).</summary>
    private static IssabelResource RingGroupResource() => new()
    {
        Name = RingGroups,
        AllFields = IssabelRingGroup.AllFields,
        DefaultFields = IssabelRingGroup.DefaultFields,
        Records = async request => [.. (await request.Pbx.ListRingGroupsAsync(request.Tenant)).Select(g => g.AsIssabel())],
        Find = async (request, id) => (await request.Pbx.RingGroup(request.Tenant, id).GetAsync())?.AsIssabel(),
        Create = CreateRingGroupAsync,
        Update = PutRingGroupAsync,
        Delete = DeleteRingGroupsAsync,
    };

    /// <summary>
    /// POST creates on the number the body names (<c>extension</c>, or <c>id</c> as the records show it), else on the
    /// next free number; <c>extension_list</c> is required.
    /// </summary>
    public static Task<IssabelAnswer> CreateRingGroupAsync(IssabelRequest request) => CreateAsync(
        request,
        RingGroups,
        RequestedNumberOrId,
        (number, fields) => new RingGroupConfig { Number = number ?? "0" }.Apply(fields, creating: true),
        (tenant, template, settings) => tenant.CreateRingGroupAsync(template, settings.FirstRingGroup),
        (tenant, template) => tenant.AddRingGroupAsync(template));

    /// <summary>A ring group's number: <c>extension</c>, else <c>id</c> (the field its records show the number in).</summary>
    private static string? RequestedNumberOrId(IssabelFields fields)
    {
        var number = RequestedNumber(fields);
        if (number is null && fields.IsValid && fields.Text("id", DialableNumber.MaxLength) is { } id)
        {
            number = DialableNumber.IsValid(id) ? id : null;
            if (number is null)
            {
                fields.Problem(IssabelErrors.NotDialable("id"));
            }
        }

        return number;
    }

    /// <summary>PUT creates or updates (the document's upsert; see <see cref="PutExtensionAsync"/>).</summary>
    public static async Task<IssabelAnswer> PutRingGroupAsync(IssabelRequest request, string id)
    {
        var (fields, refusal) = await IssabelFields.ReadAsync(request.Context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        if (!DialableNumber.IsValid(id))
        {
            return IssabelAnswer.Invalid([IssabelErrors.NotDialable("extension")]);
        }

        var current = await request.Pbx.RingGroup(request.Tenant, id).GetAsync();
        var next = (current ?? new RingGroupConfig { Number = id }).Apply(fields, creating: current is null);
        if (!fields.IsValid)
        {
            return IssabelAnswer.Invalid(fields.Problems);
        }

        var result = await request.Pbx.Tenant(request.Tenant).UpsertRingGroupAsync(next);
        return Upserted(request, RingGroups, id, created: current is null, result);
    }

    public static async Task<IssabelAnswer> DeleteRingGroupsAsync(IssabelRequest request, string ids)
    {
        var (fields, refusal) = await ReadReloadAsync(request);
        if (fields is null)
        {
            return refusal!;
        }

        return Deleted(await request.Pbx.Tenant(request.Tenant).RemoveRingGroupsAsync([.. Ids(ids)]));
    }
}
