using Microsoft.AspNetCore.Routing;
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
}
