using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Issabel;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.Issabel.Infrastructure;

/// <summary>
/// The pbxapi surface over a two-silo cluster on a fake clock (see <see cref="SurfaceTestHost"/>).
/// </summary>
public sealed class IssabelFixture() : SurfaceTestHost(Start), IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private int _tenants;

    public ValueTask InitializeAsync() => StartAsync();

    protected override void ConfigureSurface(WebApplicationBuilder builder)
    {
        builder.Configuration[IssabelOptions.SigningKeySetting] = "test host key";
        builder.Services.AddIssabel();
    }

    protected override void MapSurface(WebApplication app) => app.MapIssabel();

    /// <summary>A fresh tenant holding the document's example data: extensions 1000–1003 (and 200, 201), ring group 600.</summary>
    /// <param name="id">The tenant's id: a new one unless given (a tenant created again after its deletion).</param>
    public async Task<string> NewTenantAsync(string? lifetime = "86400", string password = "yourpassword", string? id = null)
    {
        id ??= $"is{Interlocked.Increment(ref _tenants)}x{Guid.NewGuid():N}"[..20];
        var issabel = ImmutableDictionary<string, string>.Empty.Add("user.admin", password);
        if (lifetime is not null)
        {
            issabel = issabel.Add("accessTokenLifetime", lifetime);
        }

        var result = await Pbx.Tenant(id).LoadAsync(new TenantDefinition
        {
            Id = id,
            Settings = new TenantSettings { Surfaces = ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add("issabel", issabel) },
            Extensions =
            [
                new ExtensionConfig { Number = "1000", Name = "Antonio", Secret = "6bs0sPut0079" },
                new ExtensionConfig { Number = "1001", Name = "Jose", Secret = "Issab3l2018" },
                new ExtensionConfig { Number = "1002", Name = "Maria Granuja", Secret = "eec8ef4d15658f6b167910404d3cbdb0" },
                new ExtensionConfig { Number = "1003", Name = "Pedro Picapiedras", Secret = "05c7b12a812d3c1ee6df50794c512451" },
            ],
            RingGroups = [new RingGroupConfig { Number = "600", Description = "Sales", Members = ["200", "201"] }],
        }, replace: false);
        Assert.True(result.IsOk, result.ToString());
        return id;
    }
}

[CollectionDefinition(Name)]
public sealed class IssabelCollection : ICollectionFixture<IssabelFixture>
{
    public const string Name = "issabel";
}
