using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PbxGrains.Tests.Shared.Processes;
using YamlDotNet.RepresentationModel;

namespace PbxGrains.Tests.Distributed;

/// <summary>
/// The Grafana dashboard the chart ships (<c>helm/pbxgrains/dashboards/pbxgrains.json</c>): Grafana's JSON on a
/// Prometheus data-source variable, installed by the chart for Grafana's sidecar when asked, and querying only metrics
/// that a real host exports (a renamed instrument would otherwise leave a panel silently empty).
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string Chart = Path.Combine(RepositoryLayoutAttribute.Current.Repository, "helm", "pbxgrains");

    // PromQL's own words, and Grafana's label_values(): whatever else an expression names outside braces and brackets
    // is a metric.
    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal)
    {
        "sum", "avg", "min", "max", "count", "by", "without", "rate", "irate", "increase", "histogram_quantile", "on",
        "ignoring", "group_left", "group_right", "and", "or", "unless", "label_values", "clamp_min", "abs", "topk",
    };

    // A queue with one manual member: one caller answered, one who gives up waiting; every call ends with a CDR.
    private const string Scenario = """
        tenant: grafana
        extensions:
          - {number: "301", registered: true}
          - {number: "302", registered: true}
          - {number: "303", registered: true}
        queues:
          - {name: Q, number: "640", strategy: ringall, serviceLevel: 60, memberTimeout: 600, members: ["302"]}
        """;

    [Fact]
    public void The_dashboard_is_Grafana_JSON_on_a_Prometheus_data_source_variable()
    {
        using var dashboard = Dashboard();
        var root = dashboard.RootElement;
        Assert.Equal("pbxgrains", root.GetProperty("uid").GetString());
        Assert.True(root.GetProperty("schemaVersion").GetInt32() >= 36);

        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal("datasource", variables["datasource"].GetProperty("type").GetString());
        Assert.Equal("prometheus", variables["datasource"].GetProperty("query").GetString());
        foreach (var name in new[] { "job", "instance", "surface" })
        {
            Assert.Equal("${datasource}", variables[name].GetProperty("datasource").GetProperty("uid").GetString());
        }

        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var panel in panels.Where(p => p.GetProperty("type").GetString() != "row"))
        {
            var title = panel.GetProperty("title").GetString();
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.True(targets.Count > 0, $"{title} has no query");
            Assert.All(targets, t => Assert.Equal("${datasource}", t.GetProperty("datasource").GetProperty("uid").GetString()));

            // Each query follows the job and instance the viewer chose.
            Assert.All(targets, t => Assert.Contains("instance=~\"$instance\"", t.GetProperty("expr").GetString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_chart_installs_the_dashboard_for_the_Grafana_sidecar_only_when_asked()
    {
        var template = File.ReadAllText(Path.Combine(Chart, "templates", "grafana-dashboard-configmap.yaml"));
        Assert.StartsWith("{{- if .Values.grafana.dashboard.enabled }}", template, StringComparison.Ordinal);
        Assert.Contains("kind: ConfigMap", template, StringComparison.Ordinal);
        Assert.Contains("{{ .Values.grafana.dashboard.label }}: {{ .Values.grafana.dashboard.labelValue | quote }}", template, StringComparison.Ordinal);
        var file = FilesGet().Match(template);
        Assert.True(file.Success, "the ConfigMap takes the dashboard with .Files.Get");
        Assert.True(File.Exists(Path.Combine(Chart, file.Groups[1].Value)), $"{file.Groups[1].Value} is not in the chart");

        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Chart, "values.yaml"))));
        var dashboard = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["grafana"])["dashboard"];
        Assert.Equal("false", ((YamlScalarNode)dashboard["enabled"]).Value);
        Assert.Equal("grafana_dashboard", ((YamlScalarNode)dashboard["label"]).Value);
        Assert.Equal("1", ((YamlScalarNode)dashboard["labelValue"]).Value);
    }

    [Fact]
    public void Metric_names_are_read_from_PromQL_outside_selectors_ranges_and_groupings()
    {
        Assert.Equal(
            ["http_server_request_duration_seconds_bucket", "pbx_calls_live"],
            MetricsIn("histogram_quantile(0.99, sum by (le, surface) (rate(http_server_request_duration_seconds_bucket{job=~\"$job\", surface=\"a b\"}[$__rate_interval]))) / pbx_calls_live"));
        Assert.Equal(["dotnet_process_cpu_count"], MetricsIn("label_values(dotnet_process_cpu_count{job=~\"$job\"}, instance)"));
    }

    [Fact]
    public async Task Every_metric_the_dashboard_queries_is_exported_by_a_live_host()
    {
        var ct = TestContext.Current.CancellationToken;
        var wanted = DashboardMetrics();
        Assert.Contains("pbx_queue_calls_answered_total", wanted);

        await using var host = HostProcess.Start(RepositoryLayoutAttribute.Current.Host, new Dictionary<string, string>
        {
            ["Orleans:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["Escaux:EventSocket:Port"] = "0",
            ["Pbx:Ami:Port"] = "0",
            ["Pbx:LoadScenarios"] = "false",
        }, "grafana");
        await host.WaitReadyAsync(TimeSpan.FromSeconds(90), ct);
        var http = host.Http;

        using (var created = await http.PutAsync("/sim/tenants/grafana", new StringContent(Scenario, Encoding.UTF8, "application/yaml"), ct))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(ct));
        }

        // One caller answered within the service level, one who hangs up while the member is busy: both outcomes count.
        await Post(http, "/sim/tenants/grafana/calls", new { from = "301", to = "640" });
        await Eventually(async () => (await Json(http, "/sim/tenants/grafana/extensions/302")).GetProperty("deviceState").GetString() == "ringing");
        await Post(http, "/sim/tenants/grafana/extensions/302/answer", null);
        await Post(http, "/sim/tenants/grafana/calls", new { from = "303", to = "640" });
        await Eventually(async () => (await Json(http, "/sim/tenants/grafana/queues/Q")).GetProperty("calls").GetArrayLength() == 2);
        await Post(http, "/sim/tenants/grafana/extensions/303/hangup", null);
        await Post(http, "/sim/tenants/grafana/extensions/301/hangup", null);

        // Counters appear in /metrics after their first measurement, which the one-way notifications make a moment late.
        var missing = wanted;
        await Eventually(async () =>
        {
            var exported = Exported(await http.GetStringAsync("/metrics", ct));
            missing = [.. wanted.Where(m => !exported.Contains(m))];
            return missing.Count == 0;
        }, () => $"not exported: {string.Join(", ", missing)}\n--- host output ---\n{host.Output}");

        // This host runs no traffic but the test's: the queue counted one answer within its service level and one
        // abandon, and the request durations carry the surface.
        var metrics = await http.GetStringAsync("/metrics", ct);
        Assert.Matches(@"(?m)^pbx_queue_calls_answered_total\{[^}]*service_level=""within""[^}]*\} 1$", metrics);
        Assert.DoesNotMatch(@"(?m)^pbx_queue_calls_answered_total\{[^}]*service_level=""beyond""", metrics);
        Assert.Matches(@"(?m)^pbx_queue_calls_abandoned_total\{[^}]*\} 1$", metrics);
        // (A route template's braces are inside a label's value, so the label set is not read up to the first '}'.)
        Assert.Matches(@"(?m)^http_server_request_duration_seconds_count\{.*\bsurface=""sim""", metrics);
    }

    private static JsonDocument Dashboard() => JsonDocument.Parse(File.ReadAllText(Path.Combine(Chart, "dashboards", "pbxgrains.json")));

    /// <summary>Every metric named by a panel's query or a variable's <c>label_values</c>.</summary>
    private static SortedSet<string> DashboardMetrics()
    {
        using var dashboard = Dashboard();
        var root = dashboard.RootElement;
        var expressions = root.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString()!))
            .Concat(root.GetProperty("templating").GetProperty("list").EnumerateArray()
                .Where(v => v.GetProperty("type").GetString() == "query")
                .Select(v => v.GetProperty("query").GetProperty("query").GetString()!));
        var metrics = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var expression in expressions)
        {
            var named = MetricsIn(expression);
            Assert.True(named.Count > 0, $"no metric found in {expression}");
            metrics.UnionWith(named);
        }

        return metrics;
    }

    /// <summary>
    /// The metric names of a PromQL expression: the identifiers left once label matchers, ranges, groupings, strings
    /// and numbers are taken out, less PromQL's functions and keywords.
    /// </summary>
    private static List<string> MetricsIn(string expression)
    {
        // label_values(metric{…}, label): the last argument is a label, not a metric.
        var values = LabelValues().Match(expression);
        var bare = Strings().Replace(values.Success ? values.Groups[1].Value : expression, " ");
        bare = Braces().Replace(bare, " ");
        bare = Brackets().Replace(bare, " ");
        bare = Grouping().Replace(bare, " ");
        return [.. Identifier().Matches(bare).Select(m => m.Value).Where(w => !PromQlWords.Contains(w)).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>The series names of a Prometheus text exposition (a histogram's _bucket, _sum and _count each).</summary>
    private static HashSet<string> Exported(string exposition) =>
        exposition.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l[..l.IndexOfAny(['{', ' '])])
            .ToHashSet(StringComparer.Ordinal);

    private static async Task Post(HttpClient http, string path, object? body)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = body is null ? await http.PostAsync(path, null, ct) : await http.PostAsJsonAsync(path, body, ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private static async Task<JsonElement> Json(HttpClient http, string path) =>
        await http.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);

    /// <summary>Polls a condition for up to thirty seconds of real time; this waits for propagation, it measures nothing.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, Func<string>? why = null)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail(why?.Invoke() ?? "the condition did not become true within 30 s");
    }

    [GeneratedRegex(@"\.Files\.Get ""([^""]+)""")]
    private static partial Regex FilesGet();

    [GeneratedRegex(@"^\s*label_values\((.*),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)\s*$", RegexOptions.Singleline)]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"[A-Za-z_:][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();
}
