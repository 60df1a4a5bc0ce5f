using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PbxGrains.Tests.Surfaces.DocumentExamples;

namespace PbxGrains.Tests.Surfaces.Faults;

/// <summary>
/// Transport faults through the control API on the host as <c>dotnet run</c> starts it: each kind, the vendor's own
/// error on each surface, the triggers (every Nth, a seeded share, a window of simulated time), pause and resume, and
/// that a fault reaches nothing but the tenant, surface and operation it names. Each test has a tenant of its own.
/// </summary>
[Collection(DefaultHostCollection.Name)]
public sealed class FaultInjectionTests(DefaultHostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Http => host.Http;

    private async Task<string> NewTenantAsync()
    {
        var id = "faults-" + Guid.NewGuid().ToString("N")[..8];
        var scenario = $$"""
            tenant: {{id}}
            extensions:
              - {number: "100", registered: true}
            surfaces:
              taridium: {IPPSEnabled: true}
              issabel: {user.admin: secret}
              voipsun: {user.api: secret, permissions.api: all}
            """;
        using var created = await Http.PostAsync("/sim/tenants", new StringContent(scenario, Encoding.UTF8, "application/yaml"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return id;
    }

    private async Task<JsonObject> AddFaultAsync(string tenant, object fault)
    {
        using var answer = await Http.PostAsJsonAsync($"/sim/tenants/{tenant}/faults", fault, Ct);
        var body = await answer.Content.ReadAsStringAsync(Ct);
        Assert.True(answer.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(path, Ct);

    private static string Ipps(string tenant) => $"/t/{tenant}/ipps/queueactive.php?queue=none";

    private static string VoipSun(string tenant, string action) => $"/t/{tenant}/api/api.php?username=api&password=secret&action={action}";

    [Fact]
    public async Task A_vendor_error_answers_in_each_surfaces_own_shape()
    {
        var tenant = await NewTenantAsync();
        await AddFaultAsync(tenant, new { kind = "vendorError", surface = "voipsun", endpoint = "originate", errorCode = 200 });
        await AddFaultAsync(tenant, new { kind = "vendorError", surface = "issabel" });
        await AddFaultAsync(tenant, new { kind = "vendorError", surface = "taridium", errorMessage = "no such queue" });
        await AddFaultAsync(tenant, new { kind = "vendorError", surface = "escaux", errorCode = 3 });
        await AddFaultAsync(tenant, new { kind = "vendorError", surface = "voipcenter", errorCode = 21 });

        using var voipsun = await GetAsync(VoipSun(tenant, "originate"));
        Assert.Equal("""{"success":"false","errno":"200","reason":"Error 200"}""", await voipsun.Content.ReadAsStringAsync(Ct));

        using var issabel = await GetAsync($"/t/{tenant}/pbxapi/extensions");
        Assert.Equal(HttpStatusCode.InternalServerError, issabel.StatusCode);
        Assert.Equal("""{"status":"error","errors":[{"status":"500","detail":"Internal Server Error"}]}""", await issabel.Content.ReadAsStringAsync(Ct));

        using var ipps = await GetAsync(Ipps(tenant));
        Assert.Equal("ERROR: NO SUCH QUEUE", await ipps.Content.ReadAsStringAsync(Ct));

        using var escaux = await GetAsync($"/t/{tenant}/xml/ccOriginate.php");
        Assert.Contains("<ccOriginateResult><Result>3</Result></ccOriginateResult>", await escaux.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        using var voipcenter = await GetAsync($"/t/{tenant}/api/get.php?f=json");
        var head = JsonNode.Parse(await voipcenter.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("21", (string?)head["body"]!["error_number"]);
        Assert.Equal("Call Leg failed", (string?)head["body"]!["error_message"]);

        foreach (var answer in new[] { voipsun, issabel, ipps, escaux, voipcenter })
        {
            Assert.True(answer.Headers.Contains("X-Pbx-Fault"), $"{answer.RequestMessage!.RequestUri} should be marked as a fault");
        }

        var metrics = await Http.GetStringAsync("/metrics", Ct);
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("pbx_faults_injected_total{", StringComparison.Ordinal)
            && line.Contains($"tenant=\"{tenant}\"", StringComparison.Ordinal) && line.Contains("surface=\"voipsun\"", StringComparison.Ordinal)
            && line.Contains("kind=\"vendorError\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fault_reaches_only_its_tenant_surface_and_operation()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        await AddFaultAsync(tenant, new { kind = "httpStatus", surface = "voipsun", endpoint = "originate", status = 503 });

        using (var hit = await GetAsync(VoipSun(tenant, "originate")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, hit.StatusCode);
        }

        foreach (var path in new[] { VoipSun(tenant, "listcalls"), VoipSun(other, "originate"), Ipps(tenant) })
        {
            using var missed = await GetAsync(path);
            Assert.False(missed.Headers.Contains("X-Pbx-Fault"), path);
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, missed.StatusCode);
        }
    }

    [Fact]
    public async Task Every_nth_fires_on_the_nth_matching_requests_only_and_a_429_says_when_to_retry()
    {
        var tenant = await NewTenantAsync();
        await AddFaultAsync(tenant, new { kind = "httpStatus", surface = "taridium", status = 429, retryAfterSeconds = 30, everyNth = 3 });

        var fired = new List<int>();
        for (var i = 1; i <= 9; i++)
        {
            using var answer = await GetAsync(Ipps(tenant));
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                fired.Add(i);
                Assert.Equal("30", answer.Headers.GetValues("Retry-After").Single());
            }
        }

        Assert.Equal([3, 6, 9], fired);
    }

    [Fact]
    public async Task The_same_seed_and_requests_give_the_same_faults()
    {
        var tenant = await NewTenantAsync();
        async Task<string> RunAsync()
        {
            var fault = await AddFaultAsync(tenant, new { kind = "emptyResponse", surface = "taridium", probability = 0.4, seed = 7 });
            var pattern = new StringBuilder();
            for (var i = 0; i < 40; i++)
            {
                using var answer = await GetAsync(Ipps(tenant));
                pattern.Append(answer.Headers.Contains("X-Pbx-Fault") ? 'x' : '.');
            }

            using var removed = await Http.DeleteAsync($"/sim/tenants/{tenant}/faults/{fault["id"]}", Ct);
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
            return pattern.ToString();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.InRange(first.Count(c => c == 'x'), 8, 24);
    }

    [Fact]
    public async Task Empty_malformed_slow_and_late_answers_keep_or_spoil_the_handlers_answer_as_named()
    {
        var tenant = await NewTenantAsync();
        using var plain = await GetAsync(VoipSun(tenant, "listcalls"));
        var expected = await plain.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("{", expected, StringComparison.Ordinal);

        var empty = await AddFaultAsync(tenant, new { kind = "emptyResponse", surface = "voipsun", endpoint = "listcalls" });
        using (var answer = await GetAsync(VoipSun(tenant, "listcalls")))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("", await answer.Content.ReadAsStringAsync(Ct));
        }

        await RemoveAsync(tenant, empty);
        var malformed = await AddFaultAsync(tenant, new { kind = "malformedBody", surface = "voipsun", endpoint = "list*" });
        using (var answer = await GetAsync(VoipSun(tenant, "listcalls")))
        {
            var body = await answer.Content.ReadAsStringAsync(Ct);
            Assert.Equal(expected[..(Encoding.UTF8.GetByteCount(expected) / 2)], body);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        }

        await RemoveAsync(tenant, malformed);
        var slow = await AddFaultAsync(tenant, new { kind = "slowBody", surface = "voipsun", bytesPerSecond = 1_000_000 });
        var late = await AddFaultAsync(tenant, new { kind = "latency", surface = "voipsun", delayMs = 20, delayMaxMs = 40 });
        using (var answer = await GetAsync(VoipSun(tenant, "listcalls")))
        {
            Assert.Equal(expected, await answer.Content.ReadAsStringAsync(Ct));
            Assert.Equal([(string)slow["id"]!, (string)late["id"]!], answer.Headers.GetValues("X-Pbx-Fault").Order());
        }
    }

    [Fact]
    public async Task A_reset_closes_the_connection_without_an_answer()
    {
        var tenant = await NewTenantAsync();
        await AddFaultAsync(tenant, new { kind = "connectionReset", surface = "issabel" });

        await Assert.ThrowsAnyAsync<Exception>(async () => (await GetAsync($"/t/{tenant}/pbxapi/extensions")).Dispose());
    }

    [Fact]
    public async Task A_window_in_simulated_time_and_a_pause_stop_a_fault_and_the_list_says_what_fired()
    {
        var tenant = await NewTenantAsync();
        var past = await AddFaultAsync(tenant, new { kind = "httpStatus", surface = "taridium", status = 500, until = DateTimeOffset.UtcNow.AddDays(-1) });
        using (var answer = await GetAsync(Ipps(tenant)))
        {
            Assert.NotEqual(HttpStatusCode.InternalServerError, answer.StatusCode);
        }

        await RemoveAsync(tenant, past);
        var fault = await AddFaultAsync(tenant, new { kind = "httpStatus", surface = "taridium", status = 502 });
        Assert.Equal("every taridium request from any client: HTTP 502", (string?)fault["matches"]);
        var id = (string)fault["id"]!;
        (await GetAsync(Ipps(tenant))).Dispose();

        using (var paused = await Http.PostAsync($"/sim/tenants/{tenant}/faults/{id}/pause", null, Ct))
        {
            Assert.True((bool)JsonNode.Parse(await paused.Content.ReadAsStringAsync(Ct))!["paused"]!);
        }

        using (var answer = await GetAsync(Ipps(tenant)))
        {
            Assert.NotEqual(HttpStatusCode.BadGateway, answer.StatusCode);
        }

        (await Http.PostAsync($"/sim/tenants/{tenant}/faults/{id}/resume", null, Ct)).Dispose();
        using (var answer = await GetAsync(Ipps(tenant)))
        {
            Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
        }

        var listed = JsonNode.Parse(await Http.GetStringAsync($"/sim/tenants/{tenant}/faults", Ct))!.AsArray().Single()!;
        Assert.Equal((2, 2), ((long)listed["matched"]!, (long)listed["fired"]!));
        var fired = JsonNode.Parse(await Http.GetStringAsync($"/sim/tenants/{tenant}/faults/fired", Ct))!.AsArray();
        Assert.Equal([id, id], fired.Select(f => (string)f!["fault"]!));
        Assert.All(fired, f => Assert.Equal("queueactive.php", (string?)f!["endpoint"]));
    }

    [Theory]
    [InlineData("""{"kind":"httpStatus","status":418}""", "status: must be one of 401, 403, 404, 408, 429, 500, 502, 503, 504")]
    [InlineData("""{"kind":"latency"}""", "delay: is required for a latency fault")]
    [InlineData("""{"kind":"latency","delayMs":500000}""", "delay: must have a mean of at most 120 seconds")]
    [InlineData("""{"kind":"emptyResponse","surface":"asterisk"}""", "surface: 'asterisk' names no surface; the surfaces are ")]
    [InlineData("""{"kind":"emptyResponse","probability":2}""", "probability: must be between 0 and 1")]
    [InlineData("""{"kind":"slowBody"}""", "bytesPerSecond: must be")]
    [InlineData("""{"kind":"staleAnswer"}""", "ageSeconds: must be")]
    [InlineData("""{"kind":"trunkDown","surface":"voipsun"}""", "surface: must be empty for a telephony fault")]
    [InlineData("""{"kind":"trunkLossy","probability":0.2,"everyNth":3}""", "everyNth: must be 0 for a telephony fault")]
    [InlineData("""{"kind":"callDrop","cause":99}""", "cause: must be a hang-up cause")]
    [InlineData("""{"kind":"phoneNoAnswer","numbers":"_[12"}""", "numbers: must be a number or an Asterisk pattern")]
    [InlineData("""{"kind":"emptyResponse","numbers":"100"}""", "numbers: applies to telephony faults only")]
    [InlineData("""{"kind":"callStorm"}""", "factor: must be more than 1 and at most 100")]
    [InlineData("""{"kind":"pbxRestart","numbers":"100"}""", "numbers: a pbxRestart ends every live call of the tenant")]
    [InlineData("""{"kind":"trunkDown","factor":3}""", "factor: applies to callStorm faults only")]
    public async Task A_bad_fault_is_400_naming_its_field(string body, string problem)
    {
        var tenant = await NewTenantAsync();
        using var answer = await Http.PostAsync($"/sim/tenants/{tenant}/faults", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(problem, await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("[]", await Http.GetStringAsync($"/sim/tenants/{tenant}/faults", Ct));
    }

    [Fact]
    public async Task An_unknown_fault_is_404()
    {
        var tenant = await NewTenantAsync();
        using var pause = await Http.PostAsync($"/sim/tenants/{tenant}/faults/f9/pause", null, Ct);
        using var remove = await Http.DeleteAsync($"/sim/tenants/{tenant}/faults/f9", Ct);
        using var get = await GetAsync($"/sim/tenants/{tenant}/faults/f9");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { pause.StatusCode, remove.StatusCode, get.StatusCode });
    }

    [Fact]
    public async Task A_scenarios_faults_section_is_in_force_from_the_load_and_checked_like_the_control_APIs()
    {
        var id = "faults-" + Guid.NewGuid().ToString("N")[..8];
        var scenario = $$$"""
            tenant: {{{id}}}
            extensions:
              - {number: "100"}
            surfaces:
              voipsun: {user.api: secret, permissions.api: all}
            faults:
              - {kind: vendorError, surface: voipsun, endpoint: originate, errorCode: 200, everyNth: 2}
              - {kind: latency, surface: voipsun, endpoint: listcalls, delay: {uniform: [0.01, 0.02]}}
            """;
        using (var created = await Http.PostAsync("/sim/tenants", new StringContent(scenario, Encoding.UTF8, "application/yaml"), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var listed = JsonNode.Parse(await Http.GetStringAsync($"/sim/tenants/{id}/faults", Ct))!.AsArray();
        Assert.Equal(["s1", "s2"], listed.Select(f => (string)f!["id"]!));
        Assert.Equal("every 2nd voipsun 'originate' request from any client: vendor error 200", (string?)listed[0]!["matches"]);

        var errnos = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var answer = await GetAsync(VoipSun(id, "originate"));
            errnos.Add((string?)JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!["errno"] ?? "");
        }

        Assert.Equal("200", errnos[1]);
        Assert.Equal("200", errnos[3]);
        Assert.DoesNotContain("200", errnos.Where((_, i) => i % 2 == 0));

        var bad = scenario.Replace("errorCode: 200", "errorCode: -1", StringComparison.Ordinal).Replace("surface: voipsun, endpoint: listcalls", "surface: asterisk, endpoint: listcalls", StringComparison.Ordinal);
        using var refused = await Http.PutAsync($"/sim/tenants/{id}", new StringContent(bad, Encoding.UTF8, "application/yaml"), Ct);
        var problems = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("faults[0].errorCode", problems, StringComparison.Ordinal);
        Assert.Contains("faults[1].surface: 'asterisk' names no surface", problems, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_telephony_fault_acts_on_calls_and_never_on_a_surfaces_requests()
    {
        var tenant = await NewTenantAsync();
        var fault = await AddFaultAsync(tenant, new { kind = "trunkDown", numbers = "_0X.", cause = 34 });
        Assert.Equal("calls to outside number _0X.: trunkDown, cause 34", (string?)fault["matches"]);

        // The surfaces do not see it.
        using (var poll = await GetAsync(Ipps(tenant)))
        {
            Assert.False(poll.Headers.Contains("X-Pbx-Fault"));
        }

        // A call to an outside number meets a trunk that is down: congestion at once.
        using (var placed = await Http.PostAsJsonAsync($"/sim/tenants/{tenant}/calls", new { from = "100", to = "0800111" }, Ct))
        {
            Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync(Ct));
        }

        JsonNode? cdr = null;
        for (var i = 0; i < 200 && cdr is null; i++)
        {
            cdr = JsonNode.Parse(await Http.GetStringAsync($"/sim/tenants/{tenant}/cdrs", Ct))!.AsArray().SingleOrDefault();
            await Task.Delay(20, Ct);
        }

        Assert.NotNull(cdr);
        Assert.Equal(("congestion", "congestion", "0800111"), ((string?)cdr["disposition"], (string?)cdr["hangupCause"], (string?)cdr["destination"]));

        // The control API lists it among the faults that fired (the call tells it one way), with the call and the number.
        JsonNode? firing = null;
        for (var i = 0; i < 200 && firing is null; i++)
        {
            var fired = JsonNode.Parse(await Http.GetStringAsync($"/sim/tenants/{tenant}/faults/fired", Ct))!.AsArray();
            firing = fired.SingleOrDefault(f => (string?)f!["surface"] == "telephony");
            await Task.Delay(firing is null ? 20 : 0, Ct);
        }

        Assert.NotNull(firing);
        Assert.Equal(((string?)fault["id"], "trunkDown", "0800111", (string?)cdr["uniqueId"]),
            ((string?)firing["fault"], (string?)firing["kind"], (string?)firing["endpoint"], (string?)firing["client"]));
    }

    [Fact]
    public async Task A_scenario_can_replay_a_bad_day_as_a_timeline_of_telephony_faults()
    {
        var id = "faults-" + Guid.NewGuid().ToString("N")[..8];
        var scenario = $$$"""
            tenant: {{{id}}}
            extensions:
              - {number: "100"}
            faults:
              - {kind: trunkDown, from: "2026-03-02T10:00:00Z", until: "2026-03-02T10:05:00Z"}
              - {kind: trunkLossy, probability: 0.2, from: "2026-03-02T14:00:00Z", until: "2026-03-02T15:00:00Z"}
              - {kind: phoneNoAnswer, numbers: "_1XX", from: "2026-03-02T11:00:00Z", until: "2026-03-02T11:30:00Z"}
              - {kind: callDrop, probability: 0.1, delay: {uniform: [10, 120]}, cause: 38}
            """;
        using (var created = await Http.PostAsync("/sim/tenants", new StringContent(scenario, Encoding.UTF8, "application/yaml"), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var listed = JsonNode.Parse(await Http.GetStringAsync($"/sim/tenants/{id}/faults", Ct))!.AsArray();
        Assert.Equal(
            [
                "calls to outside numbers, from 2026-03-02T10:00:00.0000000+00:00 until 2026-03-02T10:05:00.0000000+00:00 (simulated): trunkDown",
                "calls to outside numbers, 20 % of them, from 2026-03-02T14:00:00.0000000+00:00 until 2026-03-02T15:00:00.0000000+00:00 (simulated): trunkLossy",
                "rings of extension _1XX, from 2026-03-02T11:00:00.0000000+00:00 until 2026-03-02T11:30:00.0000000+00:00 (simulated): phoneNoAnswer",
                "answered calls, 10 % of them: callDrop after 10000-120000 ms of talk (simulated), cause 38",
            ],
            listed.Select(f => (string)f!["matches"]!));
        Assert.Equal([0, 0, 0, 38], listed.Select(f => (int)f!["cause"]!));
    }

    [Fact]
    public async Task A_stale_answer_serves_the_first_answer_again_to_the_same_request_until_it_is_old()
    {
        var tenant = await NewTenantAsync();
        var fault = await AddFaultAsync(tenant, new { kind = "staleAnswer", surface = "voipsun", endpoint = "listcalls", ageSeconds = 3600 });
        Assert.Equal("every voipsun 'listcalls' request from any client: the answer as it was up to 3600 s ago", (string?)fault["matches"]);
        var before = await Http.GetStringAsync(VoipSun(tenant, "listcalls"), Ct);

        using (var placed = await Http.PostAsJsonAsync($"/sim/tenants/{tenant}/calls", new { from = "100", to = "5550100" }, Ct))
        {
            Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync(Ct));
        }

        // The same request gets the answer it got before the call; another request (here: another query) a fresh one.
        using var again = await GetAsync(VoipSun(tenant, "listcalls"));
        Assert.Equal(before, await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal((string?)fault["id"], again.Headers.GetValues("X-Pbx-Fault").Single());
        Assert.True(again.Headers.Age is { } age && age < TimeSpan.FromMinutes(1));
        var fresh = await Http.GetStringAsync(VoipSun(tenant, "listcalls") + "&fresh=1", Ct);
        Assert.NotEqual(before, fresh);

        await RemoveAsync(tenant, fault);
        Assert.Equal(fresh, await Http.GetStringAsync(VoipSun(tenant, "listcalls"), Ct));
    }

    [Fact]
    public async Task A_pbx_restart_ends_the_tenants_live_calls_and_is_listed_as_an_incident_in_force()
    {
        var tenant = await NewTenantAsync();
        using (var placed = await Http.PostAsJsonAsync($"/sim/tenants/{tenant}/calls", new { from = "100", to = "5550100" }, Ct))
        {
            Assert.True(placed.IsSuccessStatusCode, await placed.Content.ReadAsStringAsync(Ct));
        }

        var fault = await AddFaultAsync(tenant, new { kind = "pbxRestart", until = "2100-01-01T00:00:00Z" });
        Assert.StartsWith("every live call, until 2100-01-01", (string?)fault["matches"], StringComparison.Ordinal);

        JsonArray? incidents = null;
        for (var i = 0; i < 200 && incidents is not [_]; i++)
        {
            incidents = JsonNode.Parse(await Http.GetStringAsync($"/sim/tenants/{tenant}/faults/incidents", Ct))!.AsArray();
            await Task.Delay(20, Ct);
        }

        var incident = Assert.Single(incidents!)!;
        Assert.Equal(((string?)fault["id"], "pbxRestart", 1), ((string?)incident["fault"], (string?)incident["kind"], (int)incident["callsEnded"]!));
        var cdr = JsonNode.Parse(await Http.GetStringAsync($"/sim/tenants/{tenant}/cdrs", Ct))!.AsArray().Single()!;
        Assert.Equal("networkOutOfOrder", (string?)cdr["hangupCause"]);

        await RemoveAsync(tenant, fault);
    }

    private async Task RemoveAsync(string tenant, JsonObject fault) =>
        (await Http.DeleteAsync($"/sim/tenants/{tenant}/faults/{fault["id"]}", Ct)).Dispose();
}
