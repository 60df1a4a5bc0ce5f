namespace PbxGrains.Host.Scenarios;

public enum ScenarioFormat
{
    Yaml = 0,
    Json = 1,
}

public static class ScenarioFormats
{
    /// <summary>
    /// The format a request body is in: JSON for <c>application/json</c> (and <c>+json</c> types), YAML for any yaml
    /// type; anything else (curl's default form type, text/plain) is judged by its first character.
    /// </summary>
    public static ScenarioFormat FromContentType(string? contentType, string body)
    {
        var mediaType = contentType?.Split(';')[0].Trim() ?? "";
        if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return ScenarioFormat.Json;
        }

        if (mediaType.Contains("yaml", StringComparison.OrdinalIgnoreCase))
        {
            return ScenarioFormat.Yaml;
        }

        return body.TrimStart() is ['{', ..] ? ScenarioFormat.Json : ScenarioFormat.Yaml;
    }

    /// <returns>Null when the file is not a scenario file.</returns>
    public static ScenarioFormat? FromFileName(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".yaml" or ".yml" => ScenarioFormat.Yaml,
        ".json" => ScenarioFormat.Json,
        _ => null,
    };
}
