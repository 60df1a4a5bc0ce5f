using Microsoft.AspNetCore.Builder;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.Surfaces.Infrastructure;

/// <summary>The IPPS surface over a two-silo cluster on a fake clock, one for the whole suite (see <see cref="SurfaceTestHost"/>).</summary>
public sealed class SurfaceFixture() : SurfaceTestHost(Start), IAsyncLifetime
{
    /// <summary>The morning of the Taridium document's queue sample (2009-03-09, New York on daylight time).</summary>
    public static readonly DateTimeOffset Start = new(2009, 3, 9, 12, 0, 0, TimeSpan.Zero);

    public ValueTask InitializeAsync() => StartAsync();

    protected override void ConfigureSurface(WebApplicationBuilder builder) => builder.Services.AddTaridium();

    protected override void MapSurface(WebApplication app) => app.MapTaridium();
}

/// <summary>Every surface test class joins this collection, so the suite deploys one cluster and shares one clock.</summary>
[CollectionDefinition(Name)]
public sealed class SurfaceCollection : ICollectionFixture<SurfaceFixture>
{
    public const string Name = "surfaces";
}
