using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PbxGrains.Tests.EndToEnd;

/// <summary>The scenario's traffic section and the traffic control API of the real host.</summary>
[Collection(HostCollection.Name)]
public sealed class HostTrafficEndToEndTests(HostProcessFixture host)
{
    private const string Tenant = "e2e-traffic";

    // Both generators load stopped: the host runs on real time, and this test places no call.
    private const string Scenario = """
        tenant: e2e-traffic
        extensions:
          - number: "201"
            publicNumber: "+3225550201"
            registered: true
        queues:
          - name: sales
            number: "600"
            members: ["201"]
        traffic:
          - name: inbound
            kind: inbound
            target: "600"
            callsPerHour: 120
            enabled: false
          - name: did
            kind: inbound
            target: "3225550201"
            callsPerHour: 0
            enabled: false
        """;

    private HttpClient Http => host.Http;

    [Fact]
    public async Task A_scenarios_generators_are_listed_started_re_rated_and_stopped_over_HTTP()
    {
        var ct = TestContext.Current.CancellationToken;
        using (var created = await Http.PutAsync($"/sim/tenants/{Tenant}", new StringContent(Scenario, Encoding.UTF8, "application/yaml"), ct))
        {
            Assert.True(created.IsSuccessStatusCode, await Describe(created));
        }

        try
        {
            var listed = (await Json($"/sim/tenants/{Tenant}/traffic")).EnumerateArray().ToList();
            Assert.Equal(["did", "inbound"], listed.Select(g => g.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
            var inbound = listed.Single(g => g.GetProperty("name").GetString() == "inbound");
            Assert.Equal(("inbound", "600", 120.0, false), (inbound.GetProperty("kind").GetString(), inbound.GetProperty("target").GetString(),
                inbound.GetProperty("callsPerHour").GetDouble(), inbound.GetProperty("running").GetBoolean()));

            var started = await Send(HttpMethod.Post, $"/sim/tenants/{Tenant}/traffic/inbound/start", body: null, HttpStatusCode.OK);
            Assert.True(started.GetProperty("running").GetBoolean());
            Assert.True(started.TryGetProperty("nextArrival", out _), started.ToString());

            var idle = await Send(HttpMethod.Put, $"/sim/tenants/{Tenant}/traffic/inbound/rate", new { callsPerHour = 0 }, HttpStatusCode.OK);
            Assert.Equal((0.0, true), (idle.GetProperty("callsPerHour").GetDouble(), idle.GetProperty("running").GetBoolean()));
            Assert.False(idle.TryGetProperty("nextArrival", out _), idle.ToString());

            var stopped = await Send(HttpMethod.Post, $"/sim/tenants/{Tenant}/traffic/inbound/stop", body: null, HttpStatusCode.OK);
            Assert.False(stopped.GetProperty("running").GetBoolean());
            Assert.False((await Json($"/sim/tenants/{Tenant}/traffic/inbound")).GetProperty("running").GetBoolean());

            var badRate = await Send(HttpMethod.Put, $"/sim/tenants/{Tenant}/traffic/inbound/rate", new { callsPerHour = -1 }, HttpStatusCode.BadRequest);
            Assert.Equal("InvalidArgument", badRate.GetProperty("error").GetString());
            var unknown = await Send(HttpMethod.Post, $"/sim/tenants/{Tenant}/traffic/nobody/start", body: null, HttpStatusCode.NotFound);
            Assert.Equal("TrafficNotFound", unknown.GetProperty("error").GetString());
            using var missing = await Http.GetAsync($"/sim/tenants/{Tenant}/traffic/nobody", ct);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            using var deleted = await Http.DeleteAsync($"/sim/tenants/{Tenant}", ct);
        }
    }

    [Fact]
    public async Task A_scenario_with_a_bad_traffic_field_is_refused_naming_each_field()
    {
        var ct = TestContext.Current.CancellationToken;
        const string broken = """
            extensions:
              - number: "201"
            traffic:
              - name: inbound
                kind: inbound
                target: "999"
                callsPerHour: -5
              - name: out
                kind: outbound
                callsPerHour: 10
                sources: ["202"]
                destinations: ["02XXXXXXX"]
            """;

        using var response = await Http.PutAsync($"/sim/tenants/{Tenant}-broken", new StringContent(broken, Encoding.UTF8, "application/yaml"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("InvalidScenario", problem.GetProperty("error").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.StartsWith("traffic[0].target: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("traffic[0].callsPerHour: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("traffic[1].sources[0]: ", StringComparison.Ordinal));
        using var absent = await Http.GetAsync($"/sim/tenants/{Tenant}-broken", ct);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    private async Task<JsonElement> Send(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{method} {path}: {await Describe(response)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
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
