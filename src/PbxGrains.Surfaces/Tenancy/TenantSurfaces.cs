using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;

namespace PbxGrains.Surfaces.Tenancy;

/// <summary>
/// The vendor surfaces that can have a default tenant of their own (<c>Pbx:Surfaces:{surface}:DefaultTenant</c>), by
/// the names a scenario's <c>surfaces:</c> section uses for their settings, so one surface has one name everywhere.
/// </summary>
public static class TenantSurfaces
{
    public const string Taridium = "taridium";
    public const string VoipSun = "voipsun";
    public const string Escaux = "escaux";
    public const string Issabel = "issabel";
    public const string VoipCenter = "voipcenter";

    public static readonly ImmutableArray<string> All = [Taridium, VoipSun, Escaux, Issabel, VoipCenter];

    /// <summary>
    /// Marks the endpoints of a surface, so a request that names no tenant (no prefix, no tenant host name, no
    /// credentials that name one) lands on that surface's default tenant.
    /// </summary>
    public static TBuilder WithTenantSurface<TBuilder>(this TBuilder builder, string surface)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!All.Contains(surface))
        {
            throw new ArgumentException($"'{surface}' is not one of the surfaces {string.Join(", ", All)}.", nameof(surface));
        }

        return builder.WithMetadata(new TenantSurfaceMetadata(surface));
    }
}

/// <summary>Endpoint metadata: the surface an endpoint belongs to (see <see cref="TenantSurfaces.WithTenantSurface"/>).</summary>
public sealed record class TenantSurfaceMetadata(string Surface);
