namespace PbxGrains.Surfaces.Formatting;

/// <summary>
/// An answer as a PHP server builds it: an ordered associative array whose values are strings or arrays. Surfaces of
/// PHP products build one and render it with <see cref="PhpSerializer"/>, <see cref="PhpJson"/> or as XML, so the three
/// formats always carry the same data in the same order.
/// </summary>
public sealed class PhpArray : List<KeyValuePair<string, object>>
{
    public PhpArray Set(string key, string value)
    {
        Add(new(key, value));
        return this;
    }

    public PhpArray Set(string key, PhpArray value)
    {
        Add(new(key, value));
        return this;
    }

    /// <summary>As PHP's json_encode sees it: an empty array is <c>[]</c>, any other (string-keyed) one an object.</summary>
    public System.Text.Json.Nodes.JsonNode ToJsonNode()
    {
        if (Count == 0)
        {
            return new System.Text.Json.Nodes.JsonArray();
        }

        var json = new System.Text.Json.Nodes.JsonObject();
        foreach (var (key, value) in this)
        {
            json[key] = value is PhpArray inner ? inner.ToJsonNode() : System.Text.Json.Nodes.JsonValue.Create((string)value);
        }

        return json;
    }
}
