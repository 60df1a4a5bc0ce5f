using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxGrains.Surfaces.Escaux;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Issabel;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Surfaces.Tenancy;
using PbxGrains.Surfaces.VoipCenter;
using PbxGrains.Surfaces.VoipSun;

namespace PbxGrains.Tests.Surfaces.Tenancy;

/// <summary>
/// The order in which a request finds its tenant: a <c>/t/{tenant}</c> prefix, then a <c>{tenant}.{domain}</c> host
/// name, then credentials that name a tenant (a surface applies them once checked), then the surface's default, then
/// the global default. A test server with the tenancy middleware and one endpoint per surface that echoes what it got.
/// </summary>
public sealed class TenantPrecedenceTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pbx:DefaultTenant"] = "default",
            ["Pbx:TenantDomain"] = "pbx.test",
            ["Pbx:Surfaces:voipsun:DefaultTenant"] = "voipsun",
            ["Pbx:Surfaces:Escaux:DefaultTenant"] = "demo",          // surface names ignore case
            ["Pbx:Surfaces:issabel:DefaultTenant"] = "",             // empty: the global default
            ["Pbx:Surfaces:voipcenter:DefaultTenant"] = "fallback",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        foreach (var surface in Surfaces)
        {
            builder.Services.AddPbxSurface(surface);
        }

        builder.Services.AddPbxTenancy(builder.Configuration);
        _app = builder.Build();
        _app.UsePbxTenancy();
        _app.UseRouting();
        _app.UsePbxSurfaceTenancy();
        foreach (var surface in Surfaces)
        {
            _app.MapGet($"/{surface.Name}", Echo).WithSurface(surface);
        }

        // A surface that knows its tenant from checked credentials, as VoipCenter's knummer: they yield to a prefix
        // or a host name (which a client chose on purpose), and win over every default.
        _app.MapGet("/voipcenter/credentials", (HttpContext context) =>
        {
            if (context.GetTenantSource() is not (TenantSource.PathPrefix or TenantSource.HostName))
            {
                context.SetTenant("customer", TenantSource.Credentials);
            }

            return Echo(context);
        }).WithSurface(VoipCenterApi.Surface);
        _app.MapGet("/other", Echo);
        await _app.StartAsync();
        _http = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/voipsun", "voipsun", TenantSource.SurfaceDefault)]
    [InlineData("/escaux", "demo", TenantSource.SurfaceDefault)]
    [InlineData("/taridium", "default", TenantSource.Default)]        // no default of its own
    [InlineData("/issabel", "default", TenantSource.Default)]         // an empty one is none
    [InlineData("/other", "default", TenantSource.Default)]           // not a surface
    [InlineData("/voipcenter", "fallback", TenantSource.SurfaceDefault)]
    [InlineData("/voipcenter/credentials", "customer", TenantSource.Credentials)]
    public async Task A_request_that_names_no_tenant_takes_its_credentials_then_its_surfaces_default_then_the_global_one(string path, string tenant, TenantSource source) =>
        Assert.Equal((tenant, source), await GetAsync(path));

    [Theory]
    [InlineData("/voipsun")]
    [InlineData("/escaux")]
    [InlineData("/voipcenter/credentials")]
    public async Task A_path_prefix_wins_over_everything_else(string path)
    {
        Assert.Equal(("acme", TenantSource.PathPrefix), await GetAsync("/t/acme" + path));
        Assert.Equal(("acme", TenantSource.PathPrefix), await GetAsync("/t/acme" + path, host: "other.pbx.test"));
    }

    [Theory]
    [InlineData("/voipsun")]
    [InlineData("/escaux")]
    [InlineData("/taridium")]
    [InlineData("/voipcenter/credentials")]
    public async Task A_client_that_cannot_send_a_prefix_reaches_any_tenant_by_host_name(string path) =>
        Assert.Equal(("acme", TenantSource.HostName), await GetAsync(path, host: "ACME.pbx.test"));

    [Fact]
    public async Task A_host_outside_the_domain_is_not_a_tenant() =>
        Assert.Equal(("voipsun", TenantSource.SurfaceDefault), await GetAsync("/voipsun", host: "acme.example.com"));

    [Fact]
    public void The_default_of_a_surface_without_one_is_the_global_default()
    {
        var options = new TenancyOptions { DefaultTenant = "main" };
        options.Surfaces["VoIPSUN"] = new SurfaceTenancyOptions { DefaultTenant = "voipsun" };
        options.Surfaces["escaux"] = new SurfaceTenancyOptions { DefaultTenant = " " };

        Assert.Equal(("voipsun", "main", "main"), (options.DefaultTenantOf(VoipSunApi.Surface.Name), options.DefaultTenantOf(EscauxApi.Surface.Name), options.DefaultTenantOf(TaridiumApi.Surface.Name)));
    }

    /// <summary>The host's surfaces, each marking an echo endpoint as its own.</summary>
    private static readonly PbxSurface[] Surfaces = [TaridiumApi.Surface, VoipSunApi.Surface, EscauxApi.Surface, IssabelApi.Surface, VoipCenterApi.Surface];

    private async Task<(string Tenant, TenantSource Source)> GetAsync(string path, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var echo = (await response.Content.ReadFromJsonAsync<Echoed>(TestContext.Current.CancellationToken))!;
        return (echo.Tenant, Enum.Parse<TenantSource>(echo.Source));
    }

    private static IResult Echo(HttpContext context) => Results.Json(new Echoed(context.GetTenant(), context.GetTenantSource().ToString()));

    private sealed record class Echoed(string Tenant, string Source);
}
