using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Issabel;

public static partial class IssabelApi
{
    private const string RingGroups = "ringgroups";

    private static void MapRingGroups(RouteGroupBuilder groups)
    {
        groups.MapGet("", ListRingGroupsAsync);
        groups.MapPost("", (Delegate)CreateRingGroupAsync);
        groups.MapMethods("", [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], MethodNotAllowed);
        groups.MapGet("/{id}", GetRingGroupAsync);
        groups.MapPut("/{id}", PutRingGroupAsync);
        groups.MapDelete("/{ids}", DeleteRingGroupsAsync);
        groups.MapPost("/{id}", PostWithId);
        groups.MapMethods("/{id}", [HttpMethods.Patch], MethodNotAllowed);
    }

    public static async Task<IResult> ListRingGroupsAsync(HttpContext context, string? fields)
    {
        var (selection, problem) = FieldSelection.Parse(fields, IssabelRingGroup.AllFields, IssabelRingGroup.DefaultFields);
        if (selection is null)
        {
            return IssabelResults.Error(StatusCodes.Status422UnprocessableEntity, problem!);
        }

        var pbx = IssabelServices.Of(context).Pbx;
        var tenant = context.GetTenant();
        var catalogue = await pbx.Tenant(tenant).GetAsync();
        var groups = await Task.WhenAll((catalogue?.RingGroups ?? []).Select(n => pbx.RingGroup(tenant, n).GetAsync()));
        return IssabelResults.Records(groups.OfType<RingGroupConfig>().Select(g => selection.Apply(g.AsIssabel())));
    }

    public static async Task<IResult> GetRingGroupAsync(HttpContext context, string id, string? fields)
    {
        var (selection, problem) = FieldSelection.Parse(fields, IssabelRingGroup.AllFields, IssabelRingGroup.DefaultFields);
        if (selection is null)
        {
            return IssabelResults.Error(StatusCodes.Status422UnprocessableEntity, problem!);
        }

        var group = await IssabelServices.Of(context).Pbx.RingGroup(context.GetTenant(), id).GetAsync();
        return group is null ? IssabelResults.NotFound() : IssabelResults.Records([selection.Apply(group.AsIssabel())]);
    }

    /// <summary>POST creates on the next free number; <c>extension_list</c> is required.</summary>
    public static async Task<IResult> CreateRingGroupAsync(HttpContext context)
    {
        var (services, tenant, settings) = await IssabelServices.ForAsync(context);
        var (fields, refusal) = await IssabelFields.ReadAsync(context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        if (fields.Has("extension") || fields.Has("id"))
        {
            return PostWithId();
        }

        var template = new RingGroupConfig { Number = "0" }.Apply(fields, creating: true);
        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var created = await services.Pbx.Tenant(tenant).CreateRingGroupAsync(template, settings.FirstRingGroup);
        return created.IsOk
            ? TypedResults.Created(Location(context, RingGroups, created.Value!))
            : IssabelResults.FromDomain(created.AsResult(), "extension");
    }

    /// <summary>PUT creates or updates (the document's upsert; see <see cref="PutExtensionAsync"/>).</summary>
    public static async Task<IResult> PutRingGroupAsync(HttpContext context, string id)
    {
        var (fields, refusal) = await IssabelFields.ReadAsync(context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        if (!IssabelFields.IsDialable(id))
        {
            return IssabelResults.Error(StatusCodes.Status422UnprocessableEntity, "extension: must be 1 to 20 digits, '*' or '#'");
        }

        var pbx = IssabelServices.Of(context).Pbx;
        var tenant = context.GetTenant();
        var current = await pbx.RingGroup(tenant, id).GetAsync();
        var next = (current ?? new RingGroupConfig { Number = id }).Apply(fields, creating: current is null);
        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var result = await pbx.Tenant(tenant).UpsertRingGroupAsync(next);
        if (!result.IsOk)
        {
            return IssabelResults.FromDomain(result, "extension");
        }

        if (current is null)
        {
            context.Response.Headers.Location = Location(context, RingGroups, id);
        }

        return IssabelResults.NoContent200();
    }

    public static async Task<IResult> DeleteRingGroupsAsync(HttpContext context, string ids)
    {
        var (fields, refusal) = await ReadReloadAsync(context);
        if (fields is null)
        {
            return refusal!;
        }

        var result = await IssabelServices.Of(context).Pbx.Tenant(context.GetTenant()).RemoveRingGroupsAsync([.. Ids(ids)]);
        return result.IsOk ? IssabelResults.NoContent200() : IssabelResults.FromDomain(result, "extension");
    }
}
