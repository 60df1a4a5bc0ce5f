namespace PbxGrains.Surfaces.Hosting;

/// <summary>
/// Endpoint metadata: the surface an endpoint belongs to (<see cref="SurfaceRegistration.WithSurface"/>). Tenancy reads
/// it for the surface's default tenant, and the request counter for the <c>surface</c> tag.
/// </summary>
public sealed record class SurfaceMetadata(string Name);
