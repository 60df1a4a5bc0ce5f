using Microsoft.AspNetCore.Http;
using PbxGrains.Client;
using PbxGrains.Surfaces.Requests;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>One API request: its tenant, the form it answers in, and its parameters (PHP's, see <see cref="PhpParameters"/>).</summary>
public sealed class EscauxRequest
{
    private readonly PhpParameters _parameters;

    private EscauxRequest(string tenant, EscauxFormat format, PbxClient pbx, PhpParameters parameters, CancellationToken aborted)
    {
        Aborted = aborted;
        Tenant = tenant;
        Format = format;
        Pbx = pbx;
        _parameters = parameters;
    }

    public string Tenant { get; }

    /// <summary>The client went away (a handler that waits for the call model stops waiting).</summary>
    public CancellationToken Aborted { get; }

    public EscauxFormat Format { get; }

    public PbxClient Pbx { get; }

    /// <summary>Every parameter in the order sent (dbSetProfileParameters takes any names).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Ordered => _parameters.Ordered;

    public static async Task<EscauxRequest> ReadAsync(HttpContext context, EscauxFormat format, PbxClient pbx)
    {
        // PHP's names are case-sensitive; the product's clients vary the case of names the document writes in one, so
        // they are found whatever their case.
        var parameters = await PhpParameters.ReadAsync(context.Request, namesIgnoreCase: true);
        return new EscauxRequest(context.GetTenant(), format, pbx, parameters, context.RequestAborted);
    }

    /// <summary>The parameter's value, or null when it is absent.</summary>
    public string? Get(string name) => _parameters.Get(name);

    /// <summary>The parameter's value trimmed, or null when it is absent or blank.</summary>
    public string? Text(string name) => Get(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>'1' or 'true' (any case) is on.</summary>
    public bool Flag(string name) => Text(name) is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
