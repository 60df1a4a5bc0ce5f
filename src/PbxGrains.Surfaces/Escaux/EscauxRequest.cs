using Microsoft.AspNetCore.Http;
using PbxGrains.Surfaces.Requests;
using PbxGrains.Abstractions.Client;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>One API request: its tenant, the form it answers in, and its parameters (query string, then a posted form).</summary>
public sealed class EscauxRequest
{
    private readonly Dictionary<string, string> _parameters;

    private EscauxRequest(string tenant, EscauxFormat format, PbxClient pbx, Dictionary<string, string> parameters, IReadOnlyList<KeyValuePair<string, string>> ordered, CancellationToken aborted)
    {
        Aborted = aborted;
        Tenant = tenant;
        Format = format;
        Pbx = pbx;
        _parameters = parameters;
        Ordered = ordered;
    }

    public string Tenant { get; }

    /// <summary>The client went away (a handler that waits for the call model stops waiting).</summary>
    public CancellationToken Aborted { get; }

    public EscauxFormat Format { get; }

    public PbxClient Pbx { get; }

    /// <summary>Every parameter in the order sent (dbSetProfileParameters takes any names).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Ordered { get; }

    public static async Task<EscauxRequest> ReadAsync(HttpContext context, EscauxFormat format, PbxClient pbx)
    {
        var ordered = new List<KeyValuePair<string, string>>();
        foreach (var (key, values) in context.Request.Query)
        {
            ordered.Add(new(key, values.ToString()));
        }

        if (context.Request.HasFormContentType)
        {
            // A body that is not a readable form adds nothing, as PHP leaves $_POST empty for it.
            var form = await context.Request.TryReadFormAsync() ?? FormCollection.Empty;
            foreach (var (key, values) in form)
            {
                ordered.Add(new(key, values.ToString()));
            }
        }

        // PHP's $_REQUEST: a later source of the same name wins; names are case-sensitive there, lenient here.
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in ordered)
        {
            parameters[key] = value;
        }

        return new EscauxRequest(context.GetTenant(), format, pbx, parameters, ordered, context.RequestAborted);
    }

    /// <summary>The parameter's value, or null when it is absent.</summary>
    public string? Get(string name) => _parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>The parameter's value trimmed, or null when it is absent or blank.</summary>
    public string? Text(string name) => Get(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>'1' or 'true' (any case) is on.</summary>
    public bool Flag(string name) => Text(name) is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
