using PbxGrains.Host.Api;
using PbxGrains.Host.Api.Security;
using PbxGrains.Host.FrontPage;
using PbxGrains.Host.Health;
using PbxGrains.Host.Hosting;
using PbxGrains.Host.Load;
using PbxGrains.Host.Scenarios;
using PbxGrains.Host.Wallboard;
using PbxGrains.Surfaces.Ami;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Surfaces.Escaux;
using PbxGrains.Surfaces.Issabel;
using PbxGrains.Surfaces.VoipCenter;
using PbxGrains.Surfaces.VoipSun;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Telemetry;
using PbxGrains.Surfaces.Tenancy;

var builder = WebApplication.CreateBuilder(args);

// The vendor surfaces: each AddXxx() registers the surface (its name, settings schema and endpoints) with its services,
// and MapPbxSurfaces() below maps every one. Adding a surface is its folder under src/PbxGrains.Surfaces and one line
// here. They come first, because the tenancy settings name surfaces and are checked against these.
builder.Services
    .AddTaridium()
    .AddVoipSun()
    .AddEscaux()
    .AddIssabel()
    .AddVoipCenter()
    .AddAmi();

try
{
    builder.AddPbxOptions();
    builder.AddPbxOrleans();
    builder.AddPbxTenancy();
    builder.AddControlApiSecurity();
}
catch (HostConfigurationException error)
{
    // A bad setting stops the start with its reason, not a stack trace.
    Console.Error.WriteLine($"PbxGrains cannot start: {error.Message}");
    return 2;
}

builder.AddPbxTelemetry();
builder.Services.AddPbxApiRequestMetrics();
builder.Services.AddPbxHealth();
builder.Services.AddPbxScenarios();
builder.Services.AddSimApi();

// A silo-only process serves no vendor surface, so opens no surface's socket either: on a machine that runs silos
// beside an API process, a silo would otherwise take the API's ports (Escaux's event socket: 5050).
var servesApi = PbxDeployment.From(builder.Configuration).ServesApi;
builder.Services.Configure<SurfaceHostingOptions>(o => o.OpenSockets = servesApi);

var app = builder.Build();

app.UseExceptionHandler();
app.UsePbxRole();

// Tenancy rewrites the path, so it runs before routing and before the counter that tags requests by surface.
app.UsePbxTenancy();
app.UsePbxApiRequestMetrics();
app.UseSimApiDocs();
// Before authentication: a browser's cross-origin request is refused even where the control API is open.
app.UseControlApiCrossOriginGuard();
app.UseRouting();
// A request that named no tenant gets its surface's default: the surface is the endpoint routing chose.
app.UsePbxSurfaceTenancy();
// A refusal of the server on a vendor path (a body too large or unreadable, a method or media type not taken) is
// answered in that vendor's format, not as problem+json.
app.UsePbxSurfaceRefusals();
// Faults injected on purpose (/sim/tenants/{id}/faults) answer inside that, so a refusal of the server stays the server's.
app.UsePbxSurfaceFaults();
app.UseAuthentication();
app.UseAuthorization();

app.MapPbxHealth();
app.MapPbxMetrics();
app.MapOpenApi();
app.MapSim();
app.MapPbxSurfaces();
app.MapLoadEndpoints();
app.MapPbxDashboard();
app.MapFrontPage();
app.MapWallboard();

if (servesApi)
{
    app.LogControlApiAccess();
}

app.Run();
return 0;

/// <summary>The entry point, public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
