using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using PbxGrains.Tests.Surfaces.DocumentExamples;

namespace PbxGrains.Tests.Surfaces.Security;

/// <summary>
/// The control API as <c>dotnet run</c> starts it (no key): open to loopback callers that name a loopback host, refused
/// to anyone else, and guarded against what a browser sends on another site's behalf.
/// </summary>
[Collection(DefaultHostCollection.Name)]
public sealed class CrossOriginGuardTests(DefaultHostFixture host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewId() => "guard-" + Guid.NewGuid().ToString("N")[..8];

    private static string Scenario(string id) => $"tenant: {id}\nextensions:\n  - {{number: \"100\"}}\n";

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("not a media type")]
    public async Task A_body_that_is_not_json_or_yaml_is_415_and_creates_nothing(string contentType)
    {
        var id = NewId();
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(Scenario(id)));
        body.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var answer = await host.Http.PostAsync("/sim/tenants", body, Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/sim/tenants/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_bodyless_form_post_is_415()
    {
        var body = new ByteArrayContent([]);
        body.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
        using var answer = await host.Http.PostAsync("/sim/tenants/demo/extensions/100/hangup", body, Ct);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.StatusCode);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "http://localhost:5001")]
    public async Task A_cross_origin_browser_request_is_403_and_creates_nothing(string header, string value)
    {
        var id = NewId();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sim/tenants") { Content = new StringContent(Scenario(id), Encoding.UTF8, "application/yaml") };
        request.Headers.TryAddWithoutValidation(header, value);
        using var answer = await host.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("CrossOrigin", await answer.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/sim/tenants/{id}", Ct)).StatusCode);

        using var bodyless = new HttpRequestMessage(HttpMethod.Post, "/sim/tenants/demo/extensions/100/hangup");
        bodyless.Headers.TryAddWithoutValidation(header, value);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Http.SendAsync(bodyless, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_same_origin_browser_request_and_a_program_with_json_or_yaml_are_let_in()
    {
        var id = NewId();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sim/tenants") { Content = new StringContent(Scenario(id), Encoding.UTF8, "application/yaml") };
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost");
        using var answer = await host.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteAsync($"/sim/tenants/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Without_keys_a_caller_from_another_machine_is_401()
    {
        var answer = await host.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Path = "/sim/tenants";
            context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        }, Ct);

        Assert.Equal(StatusCodes.Status401Unauthorized, answer.Response.StatusCode);
    }

    [Fact]
    public async Task Without_keys_a_request_that_names_another_host_is_401_so_dns_rebinding_gets_nowhere()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sim/tenants");
        request.Headers.Host = "evil.example:5000";
        using var answer = await host.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "127.0.0.1")]
    [InlineData("Forwarded", "for=127.0.0.1")]
    [InlineData("X-Original-For", "10.1.2.3:5000")]
    public async Task Without_keys_a_request_that_came_through_a_proxy_is_401(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sim/tenants");
        request.Headers.TryAddWithoutValidation(header, value);
        using var answer = await host.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    [Fact]
    public async Task Without_keys_a_loopback_caller_is_let_in_and_vendor_paths_are_untouched_by_the_guard()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/sim/tenants", Ct)).StatusCode);

        using var vendor = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        vendor.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(vendor, Ct)).StatusCode);
    }
}
