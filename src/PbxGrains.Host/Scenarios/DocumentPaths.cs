namespace PbxGrains.Host.Scenarios;

/// <summary>
/// Where a part of a definition came from in its document, for the parts whose path differs: extensions an extension
/// group made, registrations and logins that a definition keys by name, weekday windows a range made, list items that
/// follow one that did not read. A problem the rules find is reported at the document's path.
/// </summary>
public sealed class DocumentPaths
{
    private readonly Dictionary<string, string> _origins = new(StringComparer.Ordinal);

    public void Add(string definitionPath, string documentPath)
    {
        if (definitionPath != documentPath)
        {
            _origins.TryAdd(definitionPath, documentPath);
        }
    }

    /// <summary>The document's path for <paramref name="path"/>: its longest part that came from elsewhere, replaced.</summary>
    public string Of(string path)
    {
        for (var end = path.Length; end > 0; end--)
        {
            if ((end == path.Length || path[end] is '.' or '[') && _origins.TryGetValue(path[..end], out var origin))
            {
                return origin + path[end..];
            }
        }

        return path;
    }
}
