using System.Net;
using System.Text.Json;

namespace PbxGrains.Tests.Load;

/// <summary>The host's <c>/load</c> endpoints the suites measure with.</summary>
[Collection(LoadHostCollection.Name)]
public sealed class LoadEndpointTests(LoadHostFixture fixture)
{
    [Fact]
    public async Task The_baseline_answers_exactly_the_bytes_asked_for_and_refuses_a_size_out_of_range()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        using var answer = await http.GetAsync("/load/baseline?bytes=4321", ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("text/html; charset=UTF-8", answer.Content.Headers.ContentType!.ToString());
        var body = await answer.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal(4321, body.Length);
        Assert.Equal("1267042128.359,"u8.ToArray(), body[..15]);

        foreach (var bad in new[] { "-1", "1048577", "many" })
        {
            using var refused = await http.GetAsync($"/load/baseline?bytes={bad}", ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }

    [Fact]
    public async Task The_process_figures_name_the_hosts_memory_and_cpu()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        var figures = JsonDocument.Parse(await http.GetStringAsync("/load/process?collect=true", ct)).RootElement;

        Assert.Equal(fixture.Host.Pid, figures.GetProperty("pid").GetInt32());
        Assert.True(figures.GetProperty("workingSetBytes").GetInt64() > figures.GetProperty("managedHeapBytes").GetInt64());
        Assert.True(figures.GetProperty("managedHeapBytes").GetInt64() > 0);
        Assert.True(figures.GetProperty("cpuSeconds").GetDouble() > 0);
        Assert.True(figures.GetProperty("gen2Collections").GetInt32() >= 1, "collect=true ran a full collection");
    }

    [Fact]
    public async Task The_cluster_view_lists_the_hosts_one_silo_as_active()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        var cluster = JsonDocument.Parse(await http.GetStringAsync("/load/cluster", ct)).RootElement;

        Assert.Equal(1, cluster.GetProperty("activeSilos").GetInt32());
        var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
        Assert.True(silo.GetProperty("port").GetInt32() > 0, silo.ToString());
    }
}
