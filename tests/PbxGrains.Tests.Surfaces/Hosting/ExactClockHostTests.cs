using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PbxGrains.Tests.Shared;

namespace PbxGrains.Tests.Surfaces.Hosting;

/// <summary>
/// The host on the paced exact clock (<c>Pbx:Clock:Exact</c>, speed 100) with its start-up scenarios: the generators'
/// calls are placed and recorded as on any clock, and <c>GET /sim/clock</c> and ready say which clock it is and how far
/// it is behind its pace.
/// </summary>
public sealed class ExactClockHostTests : IAsyncLifetime
{
    private readonly Host _host = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_host_on_the_exact_clock_runs_its_traffic_at_its_speed_and_says_so()
    {
        using var http = _host.CreateClient();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        limit.CancelAfter(TimeSpan.FromSeconds(90));
        while (!(await http.GetAsync("/health/ready", limit.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(100, limit.Token);
        }

        var first = await ClockAsync(http);

        // The demo's generators place a call every 10 simulated seconds or so: a few real seconds give dozens.
        var written = 0;
        while (written < 5)
        {
            await Task.Delay(200, limit.Token);
            var count = JsonNode.Parse(await http.GetStringAsync("/sim/tenants/demo/cdrs/count", limit.Token))!;
            written = (int)count["appended"]!;
        }

        var later = await ClockAsync(http);
        Assert.True((bool)first["exact"]!);
        Assert.Equal(100, (double)first["speed"]!);
        Assert.True((double)first["behindSeconds"]! >= 0);
        Assert.True((DateTimeOffset)later["now"]! > (DateTimeOffset)first["now"]!, "the clock should run between steps");

        using var ready = await http.GetAsync("/health/ready", limit.Token);
        var health = JsonNode.Parse(await ready.Content.ReadAsStringAsync(limit.Token))!;
        Assert.True((bool)health["checks"]!["clock"]!["data"]!["exact"]!);
    }

    private static async Task<JsonNode> ClockAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/sim/clock", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;
    }

    private sealed class Host : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseFreePorts();
            builder.UseSetting("Pbx:Ami:Enabled", "false");
            builder.UseSetting("Pbx:Clock:Exact", "true");
            builder.UseSetting("Pbx:Clock:Speed", "100");
        }
    }
}
