using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Surfaces.Requests;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// The variables of a request, read as the real server reads them (a JSON body, a form post or multipart), and checked
/// one by one. Every problem is collected with a message that names its field; a request with any problem changes
/// nothing.
/// </summary>
public sealed class IssabelFields
{
    private readonly Dictionary<string, JsonNode?> _values;
    private readonly List<string> _problems = [];

    private IssabelFields(Dictionary<string, JsonNode?> values) => _values = values;

    public IReadOnlyList<string> Problems => _problems;

    public bool IsValid => _problems.Count == 0;

    public bool Has(string name) => _values.ContainsKey(name);

    public IEnumerable<string> Names => _values.Keys;

    /// <summary>The body's fields, or null and a 400 answer when the body cannot be read.</summary>
    public static async Task<(IssabelFields? Fields, IssabelAnswer? Refusal)> ReadAsync(HttpRequest request)
    {
        var (fields, refusal) = await ReadBodyAsync(request);
        // reload may come in the query string as well ("?reload=0"); the body wins when both have it.
        if (fields is not null && !fields.Has(Reload) && request.Query.TryGetValue(Reload, out var reload))
        {
            fields._values[Reload] = JsonValue.Create(reload.ToString());
        }

        return (fields, refusal);
    }

    public const string Reload = "reload";

    private static async Task<(IssabelFields? Fields, IssabelAnswer? Refusal)> ReadBodyAsync(HttpRequest request)
    {
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            if (await request.TryReadFormAsync() is not { } form)
            {
                return (null, IssabelAnswer.Error(StatusCodes.Status400BadRequest, IssabelErrors.InvalidForm));
            }

            foreach (var (key, value) in form)
            {
                values[key] = JsonValue.Create(value.ToString());
            }

            return (new IssabelFields(values), null);
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (new IssabelFields(values), null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, IssabelAnswer.Error(StatusCodes.Status400BadRequest, IssabelErrors.NotAnObject));
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = Node(property.Value);
            }
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-16 once unescaped (a lone surrogate, "\ud800"),
            // which the reader parses but cannot hand out as text.
            return (null, IssabelAnswer.Error(StatusCodes.Status400BadRequest, IssabelErrors.InvalidJson));
        }

        return (new IssabelFields(values), null);
    }

    /// <summary>
    /// A JSON value as a node, a repeated key taking its last value as PHP's json_decode does. JsonObject refuses a
    /// repeated key with an ArgumentException (a 500, on the unauthenticated authenticate too), so objects are built
    /// here from the parsed document rather than by JsonNode.Parse.
    /// </summary>
    private static JsonNode? Node(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    members[property.Name] = Node(property.Value);
                }

                return new JsonObject(members);
            case JsonValueKind.Array:
                return new JsonArray([.. element.EnumerateArray().Select(Node)]);
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    /// <summary>Fields built by hand (the query string of a renewal, tests).</summary>
    public static IssabelFields Of(IEnumerable<KeyValuePair<string, string>> values) =>
        new(values.ToDictionary(p => p.Key, p => (JsonNode?)JsonValue.Create(p.Value), StringComparer.Ordinal));

    public void Problem(string message) => _problems.Add(message);

    /// <summary>Any field not in <paramref name="known"/> is a problem: a misspelt variable must not pass silently.</summary>
    public void RejectUnknown(IEnumerable<string> known)
    {
        var set = known.ToHashSet(StringComparer.Ordinal);
        foreach (var name in _values.Keys.Where(k => !set.Contains(k)).Order(StringComparer.Ordinal))
        {
            Problem($"{name}: unknown field");
        }
    }

    /// <summary>A text value (a number is taken as its digits); null when absent.</summary>
    public string? Text(string name, int maxLength = 255)
    {
        if (!_values.TryGetValue(name, out var node))
        {
            return null;
        }

        var text = Scalar(node);
        if (text is null)
        {
            Problem($"{name}: must be a string");
            return null;
        }

        if (text.Length > maxLength || text.Any(char.IsControl))
        {
            Problem($"{name}: must be at most {maxLength} characters without control characters");
            return null;
        }

        return text;
    }

    /// <summary>A whole number in [min, max], sent as a JSON number or as its digits in a string.</summary>
    public int? Integer(string name, int min, int max)
    {
        if (!_values.TryGetValue(name, out var node))
        {
            return null;
        }

        if (Scalar(node) is { } text && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) &&
            value >= min && value <= max)
        {
            return value;
        }

        Problem($"{name}: must be an integer from {min} to {max}");
        return null;
    }

    /// <summary>One of <paramref name="allowed"/> (exact spelling, as the real server compares).</summary>
    public string? OneOf(string name, params string[] allowed)
    {
        if (!_values.TryGetValue(name, out var node))
        {
            return null;
        }

        if (Scalar(node) is { } text && allowed.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        Problem($"{name}: must be one of {string.Join(", ", allowed)}");
        return null;
    }

    /// <summary>A list of dialable numbers: a JSON array (of strings or numbers) or a comma-separated string.</summary>
    public ImmutableArray<string>? Numbers(string name, bool allowHash)
    {
        if (!_values.TryGetValue(name, out var node))
        {
            return null;
        }

        IEnumerable<string?> items = node switch
        {
            JsonArray array => array.Select(Scalar),
            _ when Scalar(node) is { } text => text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            _ => [null],
        };
        var list = items.ToList();
        if (list.Count == 0 || list.Any(i => !DialableNumber.IsValid(allowHash && i is not null ? i.TrimEnd('#') : i)))
        {
            Problem($"{name}: must be a non-empty array of extension numbers");
            return null;
        }

        return [.. list.Select(i => i!)];
    }

    /// <summary>An array of strings, or null (and no problem recorded) when the value is not one.</summary>
    public ImmutableArray<string>? Lines(string name) =>
        _values.TryGetValue(name, out var node) && node is JsonArray array && array.Select(Scalar).ToList() is var items && items.All(i => i is not null)
            ? [.. items.Select(i => i!)]
            : null;

    /// <summary>The reload variable: absent, 1/true or 0/false.</summary>
    public bool? Flag(string name)
    {
        if (!_values.TryGetValue(name, out var node))
        {
            return null;
        }

        switch (Scalar(node)?.ToLowerInvariant())
        {
            case "1" or "true":
                return true;
            case "0" or "false":
                return false;
            default:
                Problem($"{name}: must be 0, 1, true or false");
                return null;
        }
    }

    private static string? Scalar(JsonNode? node) => node is JsonValue value ? value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    } : null;
}
