using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Issabel;

public static partial class IssabelApi
{
    private const string Extensions = "extensions";

    /// <summary>The extensions: searched by number pattern or name (see <see cref="IssabelResource.NumberPatternOrName"/>).</summary>
    private static IssabelResource ExtensionResource() => new()
    {
        Name = Extensions,
        AllFields = IssabelExtension.AllFields,
        DefaultFields = IssabelExtension.DefaultFields,
        Records = async context =>
        {
            var pbx = IssabelServices.Of(context).Pbx;
            var tenant = context.GetTenant();
            var catalogue = await pbx.Tenant(tenant).GetAsync();
            var views = await Task.WhenAll((catalogue?.Extensions ?? []).Select(n => pbx.Extension(tenant, n).GetAsync()));
            return [.. views.Where(v => v.Exists).Select(v => v.Config.AsIssabel())];
        },
        Find = async (context, id) =>
        {
            var view = await IssabelServices.Of(context).Pbx.Extension(context.GetTenant(), id).GetAsync();
            return view.Exists ? view.Config.AsIssabel() : null;
        },
        Matches = IssabelResource.NumberPatternOrName,
        Create = CreateExtensionAsync,
        Update = PutExtensionAsync,
        Delete = DeleteExtensionsAsync,
    };

    /// <summary>
    /// POST creates: on the number the body names (<c>"extension"</c>), as the real server does, else on the next free
    /// number. 201, a Location, no body; a number already in use is 409.
    /// </summary>
    public static async Task<IResult> CreateExtensionAsync(HttpContext context)
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

        // Number "0" stands in until the tenant picks the number; nothing in the template depends on it.
        var template = IssabelExtension.New(number ?? "0").Apply(fields);
        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var pbxTenant = services.Pbx.Tenant(tenant);
        var created = number is null
            ? await pbxTenant.CreateExtensionAsync(template, settings.FirstExtension)
            : Numbered(await pbxTenant.AddExtensionAsync(template), number);
        return created.IsOk
            ? TypedResults.Created(Location(context, Extensions, created.Value!))
            : IssabelResults.FromDomain(created.AsResult(), "extension");
    }

    /// <summary>
    /// PUT creates or updates, as the document says. (Current builds answer 404 for a missing extension; the document's
    /// upsert is what clients written against it expect, so it is the behaviour here.) Location only when created.
    /// </summary>
    public static async Task<IResult> PutExtensionAsync(HttpContext context, string id)
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
        var current = await pbx.Extension(tenant, id).GetAsync();
        var next = (current.Exists ? current.Config : IssabelExtension.New(id)).Apply(fields);
        if (!fields.IsValid)
        {
            return Invalid(fields);
        }

        var result = await pbx.Tenant(tenant).UpsertExtensionAsync(next);
        if (!result.IsOk)
        {
            return IssabelResults.FromDomain(result, "extension");
        }

        if (!current.Exists)
        {
            context.Response.Headers.Location = Location(context, Extensions, id);
        }

        return IssabelResults.NoContent200();
    }

    /// <summary>DELETE one or a comma-separated list; a missing one is 404 and then none is deleted.</summary>
    public static async Task<IResult> DeleteExtensionsAsync(HttpContext context, string ids)
    {
        var (fields, refusal) = await ReadReloadAsync(context);
        if (fields is null)
        {
            return refusal!;
        }

        var pbx = IssabelServices.Of(context).Pbx;
        var result = await pbx.Tenant(context.GetTenant()).RemoveExtensionsAsync([.. Ids(ids)]);
        return result.IsOk ? IssabelResults.NoContent200() : IssabelResults.FromDomain(result, "extension");
    }

    /// <summary>A DELETE may carry only <c>reload</c> (in its query or body).</summary>
    private static async Task<(IssabelFields? Fields, IResult? Refusal)> ReadReloadAsync(HttpContext context)
    {
        var (fields, refusal) = await IssabelFields.ReadAsync(context.Request);
        if (fields is null)
        {
            return (null, refusal);
        }

        fields.RejectUnknown(["reload"]);
        fields.Flag("reload");
        return fields.IsValid ? (fields, null) : (null, Invalid(fields));
    }
}
