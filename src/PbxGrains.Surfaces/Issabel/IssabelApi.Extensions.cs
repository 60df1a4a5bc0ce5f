using PbxGrains.Abstractions.Ids;

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
        Records = async request => [.. (await request.Pbx.ListExtensionsAsync(request.Tenant)).Select(v => v.Config.AsIssabel())],
        Find = async (request, id) =>
        {
            var view = await request.Pbx.Extension(request.Tenant, id).GetAsync();
            return view.Exists ? view.Config.AsIssabel() : null;
        },
        Matches = IssabelResource.NumberPatternOrName,
        Create = CreateExtensionAsync,
        Update = PutExtensionAsync,
        Delete = DeleteExtensionsAsync,
    };

    /// <summary>POST creates on the number the body names (<c>"extension"</c>), as the real server does, else on the next free one.</summary>
    public static Task<IssabelAnswer> CreateExtensionAsync(IssabelRequest request) => CreateAsync(
        request,
        Extensions,
        RequestedNumber,
        // Number "0" stands in until the tenant picks the number; nothing in the template depends on it.
        (number, fields) => IssabelExtension.New(number ?? "0").Apply(fields),
        (tenant, template, settings) => tenant.CreateExtensionAsync(template, settings.FirstExtension),
        (tenant, template) => tenant.AddExtensionAsync(template));

    /// <summary>
    /// PUT creates or updates, as the document says. (Current builds answer 404 for a missing extension; the document's
    /// upsert is what clients written against it expect, so it is the behaviour here.) Location only when created.
    /// </summary>
    public static async Task<IssabelAnswer> PutExtensionAsync(IssabelRequest request, string id)
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

        var current = await request.Pbx.Extension(request.Tenant, id).GetAsync();
        var next = (current.Exists ? current.Config : IssabelExtension.New(id)).Apply(fields);
        if (!fields.IsValid)
        {
            return IssabelAnswer.Invalid(fields.Problems);
        }

        var result = await request.Pbx.Tenant(request.Tenant).UpsertExtensionAsync(next);
        return Upserted(request, Extensions, id, created: !current.Exists, result);
    }

    /// <summary>DELETE one or a comma-separated list; a missing one is 404 and then none is deleted.</summary>
    public static async Task<IssabelAnswer> DeleteExtensionsAsync(IssabelRequest request, string ids)
    {
        var (fields, refusal) = await ReadReloadAsync(request);
        if (fields is null)
        {
            return refusal!;
        }

        return Deleted(await request.Pbx.Tenant(request.Tenant).RemoveExtensionsAsync([.. Ids(ids)]));
    }
}
