using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Telemetry;
using PbxGrains.Surfaces.Tenancy;
using PbxGrains.Surfaces.VoipCenter;
using PbxGrains.Surfaces.VoipSun;

namespace PbxGrains.Tests.Surfaces.Telemetry;

/// <summary>
/// <c>pbx.api.requests</c> counts each request under the surface its endpoint belongs to, so VoipCenter's and
/// VoIPSUN's scripts, both under <c>/api</c>, count apart. A test server with the host's middleware order and
/// endpoints that stand in for the two surfaces'.
/// </summary>
public sealed class SurfaceRequestCountTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Surface, int Status)> _counted = new();
    private readonly ConcurrentQueue<string?> _timed = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private MeterListener _listener = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPbxSurface(VoipCenterApi.Surface).AddPbxSurface(VoipSunApi.Surface);
        builder.Services.AddPbxTenancy(builder.Configuration);
        builder.Services.AddPbxApiRequestMetrics();
        _app = builder.Build();
        _app.UsePbxTenancy();
        _app.UsePbxApiRequestMetrics();
        _app.UseRouting();
        _app.MapGet("/api/get.php", () => "voipcenter").WithSurface(VoipCenterApi.Surface);
        _app.MapGet("/api/api.php", () => "voipsun").WithSurface(VoipSunApi.Surface);
        _app.MapGet("/sim/tenants", () => "host");
        await _app.StartAsync();
        _http = _app.GetTestClient();

        // Only this server's meter: other hosts in the process count on meters of the same name.
        var meters = _app.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name is "pbx.api.requests" or "http.server.request.duration" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? surface = null;
            var status = 0;
            foreach (var tag in tags)
            {
                surface = tag.Key == "surface" ? (string?)tag.Value : surface;
                status = tag.Key == "status" ? (int)tag.Value! : status;
            }

            _counted.Enqueue((surface!, status));
        });
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            string? surface = null;
            foreach (var tag in tags)
            {
                surface = tag.Key == "surface" ? (string?)tag.Value : surface;
            }

            _timed.Enqueue(surface);
        });
        _listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Each_surface_counts_apart_by_its_endpoint_and_the_rest_by_the_hosts_own_segments()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var path in (string[])["/api/get.php", "/api/api.php", "/t/acme/api/api.php", "/sim/tenants", "/api/nothing.php", "/scanner/probe"])
        {
            using var response = await _http.GetAsync(path, ct);
        }

        Assert.Equal(
            [("voipcenter", 200), ("voipsun", 200), ("voipsun", 200), ("sim", 200), ("other", 404), ("other", 404)],
            _counted.ToArray());
    }

    [Fact]
    public async Task The_request_duration_histogram_carries_the_same_surface_tag()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var path in (string[])["/api/get.php", "/t/acme/api/api.php", "/sim/tenants", "/scanner/probe"])
        {
            using var response = await _http.GetAsync(path, ct);
        }

        // ASP.NET Core records the duration as the request ends, after the response is sent: wait for the last one. For
        // the same reason a request may be recorded after the next one (CI saw it), so the order is not compared.
        for (var attempt = 0; attempt < 1500 && _timed.Count < 4; attempt++)
        {
            await Task.Delay(20, ct);
        }

        Assert.Equal(["other", "sim", "voipcenter", "voipsun"], _timed.Order(StringComparer.Ordinal));
    }
}
