using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Tests.Surfaces.DocumentExamples;

namespace PbxGrains.Tests.Surfaces.Campaign;

/// <summary>
/// A hostile client's campaign that stays: every endpoint of the host's route table (every vendor surface, /sim, the
/// host's own), so an endpoint added later is covered without a line here, sent missing, repeated, oversized, wrongly
/// typed and encoded, injection-looking and deeply nested input. No answer may be a 5xx or take longer than its bound;
/// a vendor path answers in its vendor's format (never ASP.NET's problem+json); and a tenant's state (its settings,
/// calls, channels, CDRs, parking) and the list of tenants read the same before and after.
/// </summary>
[Collection(DefaultHostCollection.Name)]
public sealed partial class BadInputCampaignTests(DefaultHostFixture host)
{
    /// <summary>One request's bound: a hang is a failure, not a slow test.</summary>
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(20);

    private const string Password = "campaign-secret";

    /// <summary>Values a hostile or clumsy client sends for any parameter.</summary>
    private static readonly string[] Hostile =
    [
        "",
        "' OR '1'='1' --",
        "<script>alert(1)</script>",
        "../../../../etc/passwd",
        "${jndi:ldap://x/a}",
        "%s%n%x",
        "a\r\nSet-Cookie: x=1",
        "\0\u0001\u001f",
        "\ud800",
        "%%%%__**",
        "-1",
        "99999999999999999999999",
        "1e308",
        "NaN",
        "true",
        "ÄÖÜ😀ʼ",
        new string('9', 4_000),
    ];

    /// <summary>Parameter names the surfaces read; each request sends some of them with hostile values.</summary>
    private static readonly string[] Names =
    [
        "ext", "channel", "queue", "queue_name", "action", "username", "password", "user", "cdrId", "path", "filename", "filter",
        "number", "id", "knummer", "apiID", "f", "ts", "pass", "pwd", "variable", "value", "agent", "dst", "src", "exten", "context",
        "wildcards", "profile", "pincode", "phone", "interface", "penalty", "paused", "from", "to", "limit", "start", "channelName",
        "srcExtenInternalNum", "dstNumber", "dialPlanName", "res_cc", "callerid", "destination", "tenant", "type", "status",
    ];

    private HttpClient Http => host.Http;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_answers_bad_input_without_a_5xx_a_hang_a_foreign_format_or_a_state_change()
    {
        var tenant = await CampaignTenantAsync();
        var token = await IssabelTokenAsync(tenant);
        var before = await StateAsync(tenant);

        var groups = Endpoints().SelectMany(e => e.Methods.Select(m => (Endpoint: $"{m} {e.Pattern}", Method: m, Requests: Requests(e, m, tenant, token).ToList()))).ToList();
        var count = groups.Sum(g => g.Requests.Count);
        Assert.True(count > 500, $"only {count} requests: the route table was not read");

        var failures = new ConcurrentBag<string>();
        foreach (var (endpoint, method, requests) in groups)
        {
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (request, _) =>
            {
                if (await CheckAsync(request) is { } failure)
                {
                    failures.Add(failure);
                }
            });

            // A method that may change something is checked at once, so a change is pinned on its endpoint.
            if (method is not ("GET" or "HEAD") && await StateAsync(tenant) is var now && now != before)
            {
                failures.Add($"{endpoint} changed the tenant's state:\n{Difference(before, now)}");
                before = now;
            }
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} of {count} requests failed:\n" + string.Join('\n', failures.Order().Take(40)));
        Assert.Equal(before, await StateAsync(tenant));
    }

    private static string Difference(string before, string after) =>
        string.Join('\n', before.Split('\n').Zip(after.Split('\n')).Where(p => p.First != p.Second).Select(p => $"  was {Shorten(p.First)}\n  now {Shorten(p.Second)}"));

    /// <summary>One campaign request: its method, path and query, body, and the surface whose format it must answer in.</summary>
    private sealed record class Probe(string Method, string Target, Func<HttpContent?> Body, string? Surface, string? Authorization)
    {
        public override string ToString() => $"{Method} {(Target.Length > 160 ? Target[..160] + "…" : Target)}";
    }

    private async Task<string?> CheckAsync(Probe probe)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(RequestLimit);
        using var message = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Target) { Content = probe.Body() };
        if (probe.Authorization is { } bearer)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        try
        {
            using var response = await Http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;

            // An event stream (GET /sim/tenants/{tenant}/events) that opened has answered: its body never ends by design.
            if (status < 300 && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (status >= 500)
            {
                return $"{probe} -> {status} {Shorten(body)}";
            }

            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (probe.Surface is not null && contentType == "application/problem+json")
            {
                return $"{probe} -> {status} problem+json on a {probe.Surface} path: {Shorten(body)}";
            }

            return null;
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return $"{probe} -> no answer within {RequestLimit.TotalSeconds} s";
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>Every route of the host with the methods it takes; the surface is its metadata's.</summary>
    private IEnumerable<(string Pattern, string[] Methods, string? Surface)> Endpoints() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (
                Pattern: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() is { Length: > 0 } methods ? methods : [HttpMethods.Get, HttpMethods.Post],
                Surface: e.Metadata.GetMetadata<SurfaceMetadata>()?.Name))
            .DistinctBy(e => (e.Pattern, string.Join(',', e.Methods)));

    private static IEnumerable<Probe> Requests((string Pattern, string[] Methods, string? Surface) endpoint, string method, string tenant, string token)
    {
        var (pattern, _, surface) = endpoint;
        // Vendor paths are sent for the campaign tenant (its prefix), so what they could change is what is compared.
        var prefix = surface is null ? "" : $"/t/{tenant}";
        var authorization = surface == "issabel" ? token : null;
        // pbxapi's POST with no fields at all is a valid create (the next free number, as the real server does), so a
        // bodiless POST is sent there without the token: the refusal is tested, the create is not "bad input".
        var bodilessAuthorization = method == HttpMethods.Post ? null : authorization;
        var credentials = surface switch
        {
            "voipsun" => "username=campaign&password=" + Password + "&",
            "voipcenter" => "knummer=987650&",
            _ => "",
        };

        if (method == HttpMethods.Options)
        {
            yield break;
        }

        {
            var i = 0;
            foreach (var value in Hostile.Take(6))
            {
                // Route values: the campaign tenant where a route names one (never for DELETE, which would end it with
                // no input at all), else a hostile value.
                var path = prefix + RouteParameter().Replace(pattern, m =>
                    m.Value.StartsWith("{tenant", StringComparison.Ordinal) && method != HttpMethods.Delete
                        ? tenant
                        : Uri.EscapeDataString(value.Length == 0 ? "x" : value));
                var query = credentials + string.Join('&', Names.Skip(i).Take(12).Select(n => $"{n}={Uri.EscapeDataString(value)}"));
                i += 7;
                yield return new Probe(method, $"{path}?{query}", () => null, surface, bodilessAuthorization);
            }

            var plain = prefix + RouteParameter().Replace(pattern, m =>
                m.Value.StartsWith("{tenant", StringComparison.Ordinal) && method != HttpMethods.Delete ? tenant : "x");

            // Missing: nothing at all. Repeated: every name twice, with different values.
            yield return new Probe(method, plain, () => null, surface, bodilessAuthorization);
            yield return new Probe(method, plain + "?" + credentials + string.Join('&', Names.SelectMany(n => new[] { $"{n}=1", $"{n}=%27" })), () => null, surface, bodilessAuthorization);
            // Encoded wrongly: bytes that are not UTF-8, an overlong slash, a percent sign alone.
            yield return new Probe(method, plain + "?" + credentials + "ext=%FF%FE&channel=%C0%AF&filter=%&queue=%E2%82&path=%2e%2e%2f", () => null, surface, bodilessAuthorization);

            if (method is "GET" or "HEAD")
            {
                yield break;
            }

            var target = plain + "?" + credentials.TrimEnd('&');
            foreach (var body in Bodies())
            {
                yield return new Probe(method, target, body, surface, authorization);
            }
        }
    }

    /// <summary>Bodies: wrongly typed, nested deep, malformed, in a type nobody asked for, and one past the surfaces' limit.</summary>
    private static IEnumerable<Func<HttpContent?>> Bodies()
    {
        static Func<HttpContent?> Of(string text, string type) => () => new StringContent(text, new MediaTypeHeaderValue(type) { CharSet = "utf-8" });

        yield return Of("""{"ext":["a"],"channel":{"x":1},"number":1e999,"name":null,"queue":true,"a":1,"a":2,"s":"\ud800"}""", "application/json");
        yield return Of(new string('[', 20_000) + new string(']', 20_000), "application/json");
        yield return Of(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000), "application/json");
        yield return Of("{\"tenant\": \"x\", \"extensions\": [", "application/json");
        yield return Of("tenant: x\nx-a: &a [" + string.Join(',', Enumerable.Repeat("y", 200)) + "]\nx-b: &b [" + string.Join(',', Enumerable.Repeat("*a", 200)) + "]\nx-c: [" + string.Join(',', Enumerable.Repeat("*b", 200)) + "]\n", "application/yaml");
        yield return Of("tenant: x\nx: " + new string('[', 5_000), "application/yaml");
        yield return Of(string.Join('&', Names.Select(n => $"{n}[a][b][c][d][e]=%00&{n}={new string('x', 3_000)}")), "application/x-www-form-urlencoded");
        yield return Of("--zz\r\nContent-Disposition: form-data; name=\"ext\"\r\n\r\n1", "multipart/form-data");
        yield return Of("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "application/xml");
        yield return Of("ext=1&channel=SIP/1", "text/plain");
        yield return () => new ByteArrayContent(new byte[2 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } };
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    /// <summary>A quiet tenant of its own (no traffic), with a login on every surface that has one.</summary>
    private async Task<string> CampaignTenantAsync()
    {
        var tenant = "campaign-" + Guid.NewGuid().ToString("N")[..8];
        var scenario = $$"""
            tenant: {{tenant}}
            extensions:
              - {number: "201", name: Ann, registered: true}
              - {number: "202", name: Ben, registered: true}
            queues:
              - {name: sales, members: ["201"]}
            surfaces:
              taridium: {IPPSEnabled: true}
              issabel: {user.admin: {{Password}}}
              voipsun: {user.campaign: {{Password}}, permissions.campaign: all}
            """;
        using var created = await Http.PutAsync($"/sim/tenants/{tenant}", new StringContent(scenario, Encoding.UTF8, "application/yaml"), Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        return tenant;
    }

    private async Task<string> IssabelTokenAsync(string tenant)
    {
        using var login = await Http.PostAsync($"/t/{tenant}/pbxapi/authenticate", new FormUrlEncodedContent([new("user", "admin"), new("password", Password)]), Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return JsonNode.Parse(await login.Content.ReadAsStringAsync(Ct))!["access_token"]!.GetValue<string>();
    }

    /// <summary>What a campaign must not change: the tenant as /sim shows it, its calls, channels, CDRs and parking, and the tenants there are.</summary>
    private async Task<string> StateAsync(string tenant)
    {
        var state = new StringBuilder();
        foreach (var path in (string[])["/sim/tenants", $"/sim/tenants/{tenant}", $"/sim/tenants/{tenant}/calls", $"/sim/tenants/{tenant}/channels",
                     $"/sim/tenants/{tenant}/cdrs/count", $"/sim/tenants/{tenant}/parking", $"/sim/tenants/{tenant}/extensions", $"/sim/tenants/{tenant}/queues"])
        {
            state.Append(path).Append(": ").AppendLine(await Http.GetStringAsync(path, Ct));
        }

        return state.ToString();
    }
}
