using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PbxGrains.Tests.EndToEnd;

/// <summary>The real host process, driven over HTTP the way a user or a CTI test harness would.</summary>
[Collection(HostCollection.Name)]
public sealed class HostEndToEndTests(HostProcessFixture host)
{
    private const string Scenario = """
        tenant: e2e
        name: End to end
        extensions:
          - number: "201"
            name: Ann
            registered: true
          - number: "202"
            name: Ben
            registered: true
        """;

    private HttpClient Http => host.Http;

    [Fact]
    public async Task A_call_placed_through_the_control_API_rings_connects_ends_and_leaves_a_CDR()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var created = await Http.PutAsync("/sim/tenants/e2e", new StringContent(Scenario, Encoding.UTF8, "application/yaml"), ct))
        {
            Assert.True(created.IsSuccessStatusCode, await Describe(created));
        }

        using (var dialled = await Http.PostAsJsonAsync("/sim/tenants/e2e/calls", new { from = "201", to = "202" }, ct))
        {
            Assert.Equal(HttpStatusCode.Created, dialled.StatusCode);
        }

        // Extensions and the live-call shards learn of changes one way, so their pictures may lag a request by a moment.
        await Eventually(async () => (await Json("/sim/tenants/e2e/extensions/202")).GetProperty("deviceState").GetString() == "ringing");

        using (var answered = await Http.PostAsync("/sim/tenants/e2e/extensions/202/answer", null, ct))
        {
            Assert.True(answered.IsSuccessStatusCode, await Describe(answered));
        }

        await Eventually(async () => (await Json("/sim/tenants/e2e/channels")).EnumerateArray().Count(c => c.GetProperty("state").GetString() == "up") == 2);
        var channels = (await Json("/sim/tenants/e2e/channels")).EnumerateArray().ToList();
        Assert.Equal(2, channels.Count);
        Assert.All(channels, c => Assert.Equal("up", c.GetProperty("state").GetString()));
        Assert.Contains(channels, c => c.GetProperty("name").GetString()!.StartsWith("SIP/201-", StringComparison.Ordinal));
        Assert.Contains(channels, c => c.GetProperty("name").GetString()!.StartsWith("SIP/202-", StringComparison.Ordinal));

        using (var hungUp = await Http.PostAsync("/sim/tenants/e2e/extensions/201/hangup", null, ct))
        {
            Assert.True(hungUp.IsSuccessStatusCode, await Describe(hungUp));
        }

        var cdrs = (await Json("/sim/tenants/e2e/cdrs")).EnumerateArray().ToList();
        var cdr = Assert.Single(cdrs);
        Assert.Equal("201", cdr.GetProperty("source").GetString());
        Assert.Equal("202", cdr.GetProperty("destination").GetString());
        Assert.Equal("answered", cdr.GetProperty("disposition").GetString());
        await Eventually(async () => !(await Json("/sim/tenants/e2e/calls")).EnumerateArray().Any());
        await Eventually(async () => (await Json("/sim/tenants/e2e/extensions/201")).GetProperty("deviceState").GetString() == "notInUse");
    }

    [Fact]
    public async Task The_host_answers_health_metrics_and_OpenAPI()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var path in new[] { "/health/live", "/health/ready", "/openapi/v1.json" })
        {
            using var response = await Http.GetAsync(path, ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {await Describe(response)}");
        }

        var metrics = await Http.GetStringAsync("/metrics", ct);
        Assert.Contains("pbx_api_requests", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_scenario_is_refused_with_the_field_that_is_wrong()
    {
        var ct = TestContext.Current.CancellationToken;
        const string broken = "tenant: broken\nextensions:\n  - number: \"12a\"\n";
        using var response = await Http.PostAsync("/sim/tenants", new StringContent(broken, Encoding.UTF8, "application/yaml"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("extensions[0].number", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        using var missing = await Http.GetAsync("/sim/tenants/broken", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>Polls a condition for up to ten seconds of real time; this waits for propagation, it measures nothing.</summary>
    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the condition did not become true within 10 s");
    }

    private async Task<JsonElement> Json(string path)
    {
        using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {await Describe(response)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private async Task<string> Describe(HttpResponseMessage response) =>
        $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n--- host output ---\n{host.Output}";
}
