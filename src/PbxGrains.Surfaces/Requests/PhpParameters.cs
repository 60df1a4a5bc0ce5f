using Microsoft.AspNetCore.Http;

namespace PbxGrains.Surfaces.Requests;

/// <summary>
/// What a vendor's PHP script reads its arguments from: <c>$_REQUEST</c>, the query string and then, for a POST, the
/// posted form, the form winning where both name a parameter (PHP fills <c>$_POST</c> for a POST only). A body that is
/// not a readable form adds nothing, as PHP leaves <c>$_POST</c> empty for it. Every surface that answers as a PHP
/// script (VoipCenter, VoIPSUN, Escaux) reads its requests through this one reader.
/// </summary>
public sealed class PhpParameters
{
    private readonly Dictionary<string, string> _values;

    private PhpParameters(Dictionary<string, string> values, List<KeyValuePair<string, string>> ordered)
    {
        _values = values;
        Ordered = ordered;
    }

    /// <summary>Every parameter in the order sent: the query string's, then the form's (a name may come twice).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Ordered { get; }

    /// <param name="namesIgnoreCase">
    /// Whether <see cref="Get"/> finds <c>Ext</c> for <c>ext</c>. PHP's names are case-sensitive; a surface whose clients
    /// are known to vary the case may be lenient.
    /// </param>
    public static async Task<PhpParameters> ReadAsync(HttpRequest request, bool namesIgnoreCase = false)
    {
        var ordered = new List<KeyValuePair<string, string>>(request.Query.Count);
        foreach (var (key, value) in request.Query)
        {
            ordered.Add(new(key, value.ToString()));
        }

        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            foreach (var (key, value) in await request.TryReadFormAsync() ?? FormCollection.Empty)
            {
                ordered.Add(new(key, value.ToString()));
            }
        }

        var values = new Dictionary<string, string>(ordered.Count, namesIgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (key, value) in ordered)
        {
            values[key] = value;
        }

        return new PhpParameters(values, ordered);
    }

    /// <summary>The parameter's value, or null when it is absent.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;
}
