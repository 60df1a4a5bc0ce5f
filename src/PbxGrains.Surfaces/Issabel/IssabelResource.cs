using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// One pbxapi resource (<c>/pbxapi/{name}</c>) and the REST rules every resource of the real server shares (its
/// <c>rest.php</c> base class and <c>index.php</c> router): <c>GET</c> of the collection, of one id and of
/// <c>search/{term}</c>, all with <c>fields</c>; <c>POST</c> on the collection only (an id in the path is refused
/// with 400); <c>PUT</c> and <c>DELETE</c> on an id (a comma-separated list for DELETE). A resource the call model
/// cannot change leaves <see cref="Create"/>, <see cref="Update"/> and <see cref="Delete"/> null: its writes are 405.
/// </summary>
public sealed partial class IssabelResource
{
    /// <summary>The path segment: <c>extensions</c>, <c>queues</c>…</summary>
    public required string Name { get; init; }

    public required ImmutableArray<string> AllFields { get; init; }

    public required ImmutableArray<string> DefaultFields { get; init; }

    /// <summary>Every record with every field (in <see cref="AllFields"/> order), in the collection's order.</summary>
    public required Func<IssabelRequest, Task<IReadOnlyList<JsonObject>>> Records { get; init; }

    /// <summary>One record with every field, or null when the id names none.</summary>
    public required Func<IssabelRequest, string, Task<JsonObject?>> Find { get; init; }

    /// <summary>
    /// Whether a record answers a search term. The real server's default searches its name field with
    /// <c>LIKE %term%</c> (case-insensitive under MySQL's collation), which is <see cref="NameContains"/>.
    /// </summary>
    public Func<JsonObject, string, bool> Matches { get; init; } = NameContains;

    /// <summary>POST on the collection.</summary>
    public Func<IssabelRequest, Task<IssabelAnswer>>? Create { get; init; }

    /// <summary>PUT on an id.</summary>
    public Func<IssabelRequest, string, Task<IssabelAnswer>>? Update { get; init; }

    /// <summary>DELETE of an id or a comma-separated list of ids.</summary>
    public Func<IssabelRequest, string, Task<IssabelAnswer>>? Delete { get; init; }

    public static bool NameContains(JsonObject record, string term) => Contains(record, "name", term);

    /// <summary>Whether the text field <paramref name="field"/> of <paramref name="record"/> contains <paramref name="term"/>, ignoring case.</summary>
    public static bool Contains(JsonObject record, string field, string term) =>
        record[field] is JsonValue value && value.TryGetValue<string>(out var text) && text.Contains(term, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The extensions controller's search: a term made only of digits and the dialplan's <c>x</c>, <c>z</c>, <c>n</c>,
    /// <c>.</c> and <c>^</c> is a pattern matched anywhere in the number (<c>x</c> any digit, <c>z</c> 1–9, <c>n</c>
    /// 2–9, <c>.</c> anything, <c>^</c> the start), as its <c>REGEXP</c> does; any other term is looked for in the name.
    /// </summary>
    public static bool NumberPatternOrName(JsonObject record, string term)
    {
        var lower = term.ToLowerInvariant();
        if (!DialPattern().IsMatch(lower))
        {
            return NameContains(record, term);
        }

        var pattern = string.Concat(lower.Select(c => c switch
        {
            'x' => "[0-9]",
            'z' => "[1-9]",
            'n' => "[2-9]",
            '.' => ".*",
            '^' => "^",
            _ => c.ToString(),
        }));
        return record["extension"] is JsonValue value && value.TryGetValue<string>(out var number) &&
            Regex.IsMatch(number, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Maps the resource's routes onto <paramref name="group"/> (<c>/pbxapi/{name}</c>).</summary>
    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("", ([AsParameters] IssabelRequest request, string? fields) => ListAsync(request, fields, term: null));
        group.MapGet("/search/{term}", ([AsParameters] IssabelRequest request, string term, string? fields) => ListAsync(request, fields, term));
        group.MapGet("/{id}", ([AsParameters] IssabelRequest request, string id, string? fields) => GetAsync(request, id, fields));
        group.MapPost("", ([AsParameters] IssabelRequest request) => Create is { } create ? create(request) : ReadOnlyAsync());
        group.MapPost("/{id}", PostWithId);
        group.MapPut("/{id}", ([AsParameters] IssabelRequest request, string id) => Update is { } update ? update(request, id) : ReadOnlyAsync());
        group.MapDelete("/{ids}", ([AsParameters] IssabelRequest request, string ids) => Delete is { } delete ? delete(request, ids) : ReadOnlyAsync());
        group.MapMethods("", [HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], IssabelAnswer.MethodNotAllowed);
        group.MapMethods("/{id}", [HttpMethods.Patch], IssabelAnswer.MethodNotAllowed);
    }

    private async Task<IssabelAnswer> ListAsync(IssabelRequest request, string? fields, string? term)
    {
        var (selection, problem) = FieldSelection.Parse(fields, AllFields, DefaultFields);
        if (selection is null)
        {
            return IssabelAnswer.Invalid([problem!]);
        }

        var records = await Records(request);
        return IssabelAnswer.Records(records.Where(r => term is null || Matches(r, term)).Select(selection.Apply));
    }

    private async Task<IssabelAnswer> GetAsync(IssabelRequest request, string id, string? fields)
    {
        var (selection, problem) = FieldSelection.Parse(fields, AllFields, DefaultFields);
        if (selection is null)
        {
            return IssabelAnswer.Invalid([problem!]);
        }

        return await Find(request, id) is { } record ? IssabelAnswer.Records([selection.Apply(record)]) : IssabelAnswer.NotFound();
    }

    /// <summary>
    /// POST takes no id in the path (the real server's words). The number to create goes in the body (the handlers'
    /// <c>extension</c>).
    /// </summary>
    private static IssabelAnswer PostWithId() => IssabelAnswer.Error(StatusCodes.Status400BadRequest, IssabelErrors.PostWithId);

    /// <summary>A write to a resource this simulator shows but whose configuration its call model does not take.</summary>
    private Task<IssabelAnswer> ReadOnlyAsync() =>
        Task.FromResult(IssabelAnswer.Error(StatusCodes.Status405MethodNotAllowed, IssabelErrors.ReadOnly(Name)));

    [GeneratedRegex(@"^[0-9xzn.^]+$")]
    private static partial Regex DialPattern();
}
