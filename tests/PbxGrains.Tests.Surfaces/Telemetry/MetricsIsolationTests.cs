using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using PbxGrains.Grains.Hosting;
using PbxGrains.Host.Hosting;

namespace PbxGrains.Tests.Surfaces.Telemetry;

/// <summary>
/// A host's <c>/metrics</c> shows its own measurements only, and keeps showing them when another host in the same
/// process stops. Test processes hold many hosts whose meters have the same names; OpenTelemetry matches meters by
/// name, so one provider listened to every host's instruments, and the end of another host's meters ended its own
/// streams of the same name (open-telemetry/opentelemetry-dotnet#6412): a counter then vanished from the scrape.
/// </summary>
public sealed class MetricsIsolationTests
{
    private const string Counter = "pbx.test.isolation";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hosts_metrics_are_its_own_and_outlive_another_host_of_the_process()
    {
        await using var kept = await StartAsync();
        var stopped = await StartAsync();
        Count(kept, "kept-before");
        Count(stopped, "stopped");
        await stopped.DisposeAsync();

        var first = await ScrapeAsync(kept);
        Count(kept, "kept-after");
        var second = await ScrapeAsync(kept);

        Assert.Contains(first, line => line.Contains("who=\"kept-before\"", StringComparison.Ordinal));
        Assert.Contains(second, line => line.Contains("who=\"kept-before\"", StringComparison.Ordinal));
        Assert.Contains(second, line => line.Contains("who=\"kept-after\"", StringComparison.Ordinal));
        Assert.DoesNotContain(first.Concat(second), line => line.Contains("who=\"stopped\"", StringComparison.Ordinal));
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPbxTelemetry();
        // Two scrapes in a row must both collect; the exporter otherwise answers from its cache for 300 ms.
        builder.Services.Configure<PrometheusAspNetCoreOptions>(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
        var app = builder.Build();
        app.MapPbxMetrics();
        await app.StartAsync(Ct);
        return app;
    }

    private static void Count(WebApplication host, string who) =>
        host.Services.GetRequiredService<IMeterFactory>().Create(PbxMetrics.MeterName)
            .CreateCounter<long>(Counter)
            .Add(1, new KeyValuePair<string, object?>("who", who));

    private static async Task<string[]> ScrapeAsync(WebApplication host)
    {
        using var http = host.GetTestClient();
        var text = await http.GetStringAsync("/metrics", Ct);
        return [.. text.Split('\n').Where(line => line.StartsWith("pbx_test_isolation_total{", StringComparison.Ordinal))];
    }
}
