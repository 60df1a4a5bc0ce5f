using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Tenancy;

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
        Records = async context =>
        {
            var pbx = IssabelServices.Of(context).Pbx;
            var tenant = context.GetTenant();
            var catalogue = await pbx.Tenant(tenant).GetAsync();
            var groups = await Task.WhenAll((catalogue?.RingGroups ?? []).Select(n => pbx.RingGroup(tenant, n).GetAsync()));
            return [.. groups.OfType<RingGroupConfig>().Select(g => g.AsIssabel())];
        },
        Find = async (context, id) => (await IssabelServices.Of(context).Pbx.RingGroup(context.GetTenant(), id).GetAsync())?.AsIssabel(),
        Create = CreateRingGroupAsync,
        Update = PutRingGroupAsync,
        Delete = DeleteRingGroupsAsync,
    };

    /// <summary>
    /// POST creates on the number the body names (<c>extension</c>, or <c>id</c> as the records show it), else on the
    /// next free number; <c>extension_list</c> is required.
    /// </summary>
    public static async Task<IResult> CreateRingGroupAsync(HttpContext context)
    {
        var (services, tenant, settings) = await IssabelServices.ForAsync(context);
        var (fields, refusal) = await IssabelFields.ReadAsync(context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        var number = RequestedNumber(fields);
        if (number is null && fields.IsValid && fields.Text("id", 20) is { } id)
        {
            number = IssabelFields.IsDialable(id) ? id : null;
            if (number is null)
            {
                fields.Problem("id: must be 1 to 20 digits, '*' or '#'");
            }
        }

        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var template = new RingGroupConfig { Number = number ?? "0" }.Apply(fields, creating: true);
        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var pbxTenant = services.Pbx.Tenant(tenant);
        var created = number is null
            ? await pbxTenant.CreateRingGroupAsync(template, settings.FirstRingGroup)
            : Numbered(await pbxTenant.AddRingGroupAsync(template), number);
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
