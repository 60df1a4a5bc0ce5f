using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using PbxGrains.Host.Load;

namespace PbxGrains.Tests.Surfaces.Load;

/// <summary>The <c>/load</c> endpoints (one of which forces a full collection) answer local callers only unless allowed.</summary>
public sealed class LoadEndpointAccessTests
{
    /// <summary>A server with the load endpoints only, whose callers come from <paramref name="remote"/>.</summary>
    private static async Task<WebApplication> StartAsync(IPAddress? remote, bool allowRemote)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [LoadEndpointAccess.AllowRemoteKey] = allowRemote ? "true" : "false" });
        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.Connection.RemoteIpAddress = remote;
            return next(context);
        });
        app.UseRouting();
        app.MapLoadEndpoints();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    [Theory]
    [InlineData("10.1.2.3", false, HttpStatusCode.Forbidden)]
    [InlineData("2001:db8::7", false, HttpStatusCode.Forbidden)]
    [InlineData("10.1.2.3", true, HttpStatusCode.OK)]
    [InlineData("127.0.0.1", false, HttpStatusCode.OK)]
    [InlineData("::1", false, HttpStatusCode.OK)]
    [InlineData(null, false, HttpStatusCode.OK)]
    public async Task Only_a_local_caller_or_a_host_that_allows_others_gets_the_load_endpoints(string? remote, bool allowRemote, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StartAsync(remote is null ? null : IPAddress.Parse(remote), allowRemote);
        using var http = app.GetTestClient();

        using var process = await http.GetAsync("/load/process", ct);
        using var baseline = await http.GetAsync("/load/baseline?bytes=8", ct);

        Assert.Equal((expected, expected), (process.StatusCode, baseline.StatusCode));
        if (expected == HttpStatusCode.Forbidden)
        {
            // The cluster view is refused alike (answering it needs a cluster, which this test server has not).
            using var cluster = await http.GetAsync("/load/cluster", ct);
            Assert.Equal(HttpStatusCode.Forbidden, cluster.StatusCode);
        }
    }
}
