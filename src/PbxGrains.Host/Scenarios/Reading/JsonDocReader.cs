using System.Text.Json;

namespace PbxGrains.Host.Scenarios.Reading;

/// <summary>Reads a JSON text into a <see cref="DocNode"/> tree.</summary>
public static class JsonDocReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 32,
    };

    /// <exception cref="ScenarioSyntaxException">The text is not JSON.</exception>
    public static DocNode Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DocScalar.Null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, Options);
            return Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new ScenarioSyntaxException($"JSON syntax error: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // A string that is not valid UTF-16 once unescaped ("\ud800", a lone surrogate): the reader parses it but
            // cannot hand it out as text, and the exception was a 500.
            throw new ScenarioSyntaxException($"JSON text holds a string that is not valid Unicode: {e.Message}", e);
        }
    }

    private static DocNode Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new DocMap([.. element.EnumerateObject().Select(p => new DocEntry(p.Name, Convert(p.Value)))]),
        JsonValueKind.Array => new DocList([.. element.EnumerateArray().Select(Convert)]),
        JsonValueKind.String => new DocScalar(element.GetString(), ScalarKind.String),
        JsonValueKind.Number => new DocScalar(element.GetRawText(), ScalarKind.Number),
        JsonValueKind.True => new DocScalar("true", ScalarKind.Boolean),
        JsonValueKind.False => new DocScalar("false", ScalarKind.Boolean),
        _ => DocScalar.Null,
    };
}
