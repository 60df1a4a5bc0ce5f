using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// Which fields a GET shows: the resource's key fields by default, all of them for <c>fields=*</c>, or the listed ones
/// for <c>fields=a,b</c>; always in the resource's (alphabetical) order, as the real server's rows come.
/// </summary>
public sealed class FieldSelection
{
    private readonly ImmutableHashSet<string> _shown;

    private FieldSelection(ImmutableHashSet<string> shown) => _shown = shown;

    /// <summary>The selection, or the problem that names the unknown field.</summary>
    public static (FieldSelection? Selection, string? Problem) Parse(string? fields, ImmutableArray<string> all, ImmutableArray<string> defaults)
    {
        if (string.IsNullOrEmpty(fields))
        {
            return (new FieldSelection([.. defaults]), null);
        }

        if (fields.Trim() == "*")
        {
            return (new FieldSelection([.. all]), null);
        }

        var asked = fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (asked.FirstOrDefault(f => !all.Contains(f)) is { } unknown)
        {
            return (null, $"fields: unknown field '{unknown}'");
        }

        return (new FieldSelection([.. asked]), null);
    }

    /// <summary>The record with only the selected fields; <paramref name="record"/> must list every field in order.</summary>
    public JsonObject Apply(JsonObject record)
    {
        var shown = new JsonObject();
        foreach (var (name, value) in record)
        {
            if (_shown.Contains(name))
            {
                shown[name] = value?.DeepClone();
            }
        }

        return shown;
    }
}
