using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Faults;

/// <summary>What a fault rule is matched against: the request's surface, operation and client.</summary>
/// <param name="Endpoint">The operation as the surface names it (<see cref="Hosting.PbxSurface.Operation"/>).</param>
/// <param name="Address">The client's source address.</param>
/// <param name="User">The user of the request's HTTP Basic credentials, if it has any.</param>
public sealed record FaultTarget(string Surface, string Endpoint, string Address, string? User)
{
    public bool Matches(FaultRule rule) =>
        !rule.Paused
        && !rule.Kind.IsTelephony()
        && (rule.Surface.Length == 0 || string.Equals(rule.Surface, Surface, StringComparison.OrdinalIgnoreCase))
        && EndpointMatches(rule.Endpoint)
        && (rule.Client.Length == 0 || rule.Client == Address || string.Equals(rule.Client, User, StringComparison.Ordinal));

    /// <summary>The client as the fired-fault list shows it.</summary>
    public string Client => User is null ? Address : $"{User}@{Address}";

    public static async ValueTask<FaultTarget> OfAsync(HttpContext context, Hosting.PbxSurface surface) => new(
        surface.Name,
        await surface.OperationOf(context),
        context.Connection.RemoteIpAddress?.ToString() ?? "",
        surface.User is { } user ? await user(context) : BasicUser(context.Request));

    private bool EndpointMatches(string pattern) =>
        pattern.Length == 0
        || (pattern.EndsWith('*')
            ? Endpoint.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(pattern, Endpoint, StringComparison.OrdinalIgnoreCase));

    private static string? BasicUser(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers[HeaderNames.Authorization].ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is not { Length: <= 1024 })
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[header.Parameter.Length];
        if (!Convert.TryFromBase64String(header.Parameter, bytes, out var written))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(bytes[..written]);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? pair : pair[..colon];
    }
}
