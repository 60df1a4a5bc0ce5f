using PbxGrains.Host.Api;
using PbxGrains.Host.Health;
using PbxGrains.Host.Hosting;
using PbxGrains.Host.Load;
using PbxGrains.Host.Scenarios;
using PbxGrains.Surfaces.Taridium;
using PbxGrains.Surfaces.Escaux;
using PbxGrains.Surfaces.Issabel;
using PbxGrains.Surfaces.VoipCenter;
using PbxGrains.Surfaces.VoipSun;
using PbxGrains.Surfaces.Telemetry;
using PbxGrains.Surfaces.Tenancy;
using PbxGrains.Surfaces.Escaux.Events;

var builder = WebApplication.CreateBuilder(args);

try
{
    builder.AddPbxOptions();
    builder.AddPbxOrleans();
    builder.AddPbxTenancy();
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
builder.Services.AddTaridium();
builder.Services.AddEscaux();
builder.Services.AddEscauxEvents(builder.Configuration);
if (!PbxDeployment.From(builder.Configuration).ServesApi)
{
    // A silo-only process serves no vendor surface, so no event socket either: on a machine that runs silos beside an
    // API process, a silo would otherwise take the API's port (5050).
    builder.Services.PostConfigure<EventSocketOptions>(o => o.Enabled = false);
}
builder.Services.AddVoipSun();

var app = builder.Build();

app.UseExceptionHandler();
app.UsePbxRole();

// Tenancy rewrites the path, so it runs before routing and before the counter that tags requests by surface.
app.UsePbxTenancy();
app.UsePbxApiRequestMetrics();
app.UseSimApiDocs();
app.UseRouting();
// A request that named no tenant gets its surface's default: the surface is the endpoint routing chose.
app.UsePbxSurfaceTenancy();

app.MapPbxHealth();
app.MapPbxMetrics();
app.MapOpenApi();
app.MapSim();
app.MapIssabel();
app.MapTaridium();
app.MapVoipCenter();
app.MapEscaux();
app.MapLoadEndpoints();
app.MapEscauxEvents();
app.MapVoipSun();

app.Run();
return 0;

/// <summary>The entry point, public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
