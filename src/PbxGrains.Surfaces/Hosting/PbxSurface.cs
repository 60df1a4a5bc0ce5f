using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PbxGrains.Surfaces.Faults;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Surfaces.Hosting;

/// <summary>
/// A vendor surface as the host sees it. Its <see cref="Name"/> is the one name the surface has everywhere: the key of
/// its settings in a scenario (<c>surfaces: {name: {...}}</c>), its default tenant (<c>Pbx:Surfaces:{name}</c>), the
/// <c>surface</c> tag of <c>pbx.api.requests</c>, and the metadata of its endpoints. A surface's <c>AddXxx()</c>
/// registers it (<see cref="SurfaceRegistration.AddPbxSurface"/>) beside its services, and the host maps every
/// registered surface at once (<see cref="SurfaceRegistration.MapPbxSurfaces"/>), so adding a surface is its folder
/// and the one line in the host that calls its <c>AddXxx()</c>.
/// </summary>
/// <param name="Name">Lower case, the vendor's name (<c>taridium</c>, <c>voipsun</c>…).</param>
/// <param name="Settings">What the surface takes in a scenario's <c>surfaces:</c> section; checked when a scenario loads.</param>
/// <param name="Map">Maps the surface's endpoints (its <c>MapXxx()</c>).</param>
public sealed record class PbxSurface(string Name, SurfaceSettingsSchema Settings, Action<IEndpointRouteBuilder> Map)
{
    /// <summary>
    /// The surface's answer to a refusal the server makes for it (a body too large or unreadable, a method or media
    /// type its routes do not take), in its own error format; none leaves such refusals to the host
    /// (<see cref="SurfaceRefusalMiddleware"/>).
    /// </summary>
    public SurfaceRefusal? Refuse { get; init; }

    /// <summary>The path prefixes that are the surface's, for a request no endpoint of it took (a method it does not map).</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The surface's own error answer for an injected vendor error (<see cref="Faults.SurfaceFault"/>).</summary>
    public SurfaceFault? Fail { get; init; }

    /// <summary>
    /// The name of a request's operation, which a fault's <c>endpoint</c> is matched against. By default the path below
    /// the surface's first prefix in <see cref="Paths"/> (Issabel's <c>manager/originate</c>, IPPS's
    /// <c>queueactive.php</c>); a surface whose operations share one path names them otherwise (VoIPSUN's <c>action</c>).
    /// </summary>
    public Func<HttpContext, ValueTask<string>>? Operation { get; init; }

    /// <summary>
    /// The API user a request names, which a fault's <c>client</c> is matched against (besides the source address). By
    /// default the user of HTTP Basic credentials; a surface that takes its user otherwise names it (VoIPSUN's
    /// <c>username</c>).
    /// </summary>
    public Func<HttpContext, ValueTask<string?>>? User { get; init; }

    /// <summary>The request's operation (<see cref="Operation"/>, or the path below the surface's prefix).</summary>
    public ValueTask<string> OperationOf(HttpContext context)
    {
        if (Operation is { } operation)
        {
            return operation(context);
        }

        var path = context.Request.Path;
        foreach (var prefix in Paths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase, out var rest))
            {
                return ValueTask.FromResult(rest.Value?.TrimStart('/') ?? "");
            }
        }

        return ValueTask.FromResult(path.Value?.TrimStart('/') ?? "");
    }
}
