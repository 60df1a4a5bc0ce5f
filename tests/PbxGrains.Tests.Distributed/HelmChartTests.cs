using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace PbxGrains.Tests.Distributed;

/// <summary>
/// What can be checked of the Helm chart without a Helm binary: the files parse, every value a template reads is
/// defined, template actions balance, helpers exist, and the workloads carry what Orleans on Kubernetes needs.
/// </summary>
public sealed partial class HelmChartTests
{
    private static readonly string Chart = Path.Combine(RepositoryLayoutAttribute.Current.Repository, "helm", "pbxgrains");

    private static string Templates => Path.Combine(Chart, "templates");

    private static IEnumerable<string> TemplateFiles => Directory.EnumerateFiles(Templates).Order(StringComparer.Ordinal);

    private static string Template(string name) => File.ReadAllText(Path.Combine(Templates, name));

    [Fact]
    public void The_chart_has_the_helm_create_layout()
    {
        foreach (var file in new[] { "Chart.yaml", "values.yaml", ".helmignore", "templates/_helpers.tpl", "templates/NOTES.txt" })
        {
            Assert.True(File.Exists(Path.Combine(Chart, file)), $"{file} is missing");
        }

        var chart = (YamlMappingNode)Load(File.ReadAllText(Path.Combine(Chart, "Chart.yaml"))).Single().RootNode;
        Assert.Equal("v2", Scalar(chart, "apiVersion"));
        Assert.Equal("pbxgrains", Scalar(chart, "name"));
        Assert.Equal("application", Scalar(chart, "type"));
        Assert.Matches(@"^\d+\.\d+\.\d+", Scalar(chart, "version"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(chart, "appVersion")));
    }

    [Fact]
    public void Every_values_section_has_a_comment()
    {
        var lines = File.ReadAllLines(Path.Combine(Chart, "values.yaml"));
        for (var i = 0; i < lines.Length; i++)
        {
            if (TopLevelKey().IsMatch(lines[i]))
            {
                Assert.True(i > 0 && lines[i - 1].TrimStart().StartsWith('#'), $"values.yaml line {i + 1} ({lines[i]}) has no comment above it");
            }
        }
    }

    [Fact]
    public void Every_value_a_template_reads_is_defined_in_values_yaml()
    {
        var values = (YamlMappingNode)Load(File.ReadAllText(Path.Combine(Chart, "values.yaml"))).Single().RootNode;
        var missing = new List<string>();
        foreach (var file in TemplateFiles)
        {
            foreach (Match reference in ValuesReference().Matches(File.ReadAllText(file)))
            {
                var path = reference.Groups[1].Value.Split('.');
                YamlNode node = values;
                foreach (var key in path)
                {
                    if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var child))
                    {
                        missing.Add($"{Path.GetFileName(file)}: .Values.{reference.Groups[1].Value}");
                        break;
                    }

                    node = child;
                }
            }
        }

        Assert.Empty(missing.Distinct());
    }

    [Fact]
    public void Template_actions_balance_and_blocks_close()
    {
        foreach (var file in TemplateFiles)
        {
            var text = File.ReadAllText(file);
            var name = Path.GetFileName(file);
            Assert.Equal(Count(text, "{{"), Count(text, "}}"));
            var open = new Stack<string>();
            foreach (Match action in Action().Matches(text))
            {
                var body = action.Groups[1].Value.Trim();
                var word = body.Split(' ', 2)[0];
                if (body.StartsWith("/*", StringComparison.Ordinal))
                {
                    Assert.EndsWith("*/", body);
                    continue;
                }

                switch (word)
                {
                    case "if" or "range" or "with" or "define" or "block":
                        open.Push(word);
                        break;
                    case "end":
                        Assert.True(open.Count > 0, $"{name}: an end closes nothing");
                        open.Pop();
                        break;
                    case "else":
                        Assert.True(open.Count > 0 && open.Peek() is "if" or "with" or "range", $"{name}: an else outside if/with/range");
                        break;
                }
            }

            Assert.True(open.Count == 0, $"{name}: {string.Join(", ", open)} not closed");
        }
    }

    [Fact]
    public void Every_helper_a_template_includes_is_defined()
    {
        var defined = TemplateFiles.SelectMany(f => Define().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("pbxgrains.name", defined);
        Assert.Contains("pbxgrains.fullname", defined);
        Assert.Contains("pbxgrains.labels", defined);
        Assert.Contains("pbxgrains.selectorLabels", defined);
        var used = TemplateFiles.SelectMany(f => Include().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Name: m.Groups[1].Value)));
        Assert.All(used, u => Assert.True(defined.Contains(u.Name), $"{u.File} includes {u.Name}, which no template defines"));
    }

    [Fact]
    public void Templates_are_well_formed_YAML_once_their_actions_are_filled_in()
    {
        foreach (var file in TemplateFiles.Where(f => f.EndsWith(".yaml", StringComparison.Ordinal)))
        {
            // Lines that are only actions (blocks, includes that indent themselves) go; inline actions become a value.
            var lines = File.ReadAllLines(file)
                .Where(l => !ActionLine().IsMatch(l))
                .Select(l => Action().Replace(l, "x"));
            var documents = Load(string.Join('\n', lines));
            Assert.True(documents.Count > 0, $"{Path.GetFileName(file)} has no document");
            Assert.All(documents, d => Assert.IsType<YamlMappingNode>(d.RootNode));
        }
    }

    [Fact]
    public void The_workloads_follow_Orleans_guidance_for_Kubernetes()
    {
        var helpers = Template("_helpers.tpl");
        foreach (var workload in new[] { "silo-deployment.yaml", "api-deployment.yaml" })
        {
            var text = Template(workload);
            Assert.Contains("include \"pbxgrains.commonEnv\"", text);
            Assert.Contains("include \"pbxgrains.probes\"", text);
            Assert.Contains("terminationGracePeriodSeconds: {{ .Values.shutdown.terminationGracePeriodSeconds }}", text);
        }

        Assert.Contains("value: Silo", Template("silo-deployment.yaml"));
        Assert.Contains("value: Api", Template("api-deployment.yaml"));
        Assert.Contains("containerPort: {{ .Values.orleans.siloPort }}", Template("silo-deployment.yaml"));
        Assert.Contains("containerPort: {{ .Values.orleans.gatewayPort }}", Template("silo-deployment.yaml"));

        // The downward API gives each silo its name and address; the Redis connection comes from a Secret.
        Assert.Matches(@"- name: POD_NAME\s+valueFrom:\s+fieldRef:\s+fieldPath: metadata.name", helpers);
        Assert.Matches(@"- name: POD_IP\s+valueFrom:\s+fieldRef:\s+fieldPath: status.podIP", helpers);
        Assert.Matches(@"- name: Orleans__Redis__ConnectionString\s+valueFrom:\s+secretKeyRef:", helpers);
        foreach (var path in new[] { "/health/startup", "/health/ready", "/health/live" })
        {
            Assert.Contains($"path: {path}", helpers);
        }

        // The settings the chart gives are the ones the host reads.
        foreach (var key in new[] { "Orleans__ClusteringProvider", "Orleans__StorageProvider", "Orleans__ClusterId", "Orleans__ServiceId", "Orleans__SiloPort",
                     "Orleans__GatewayPort", "Orleans__ShutdownTimeoutSeconds", "Pbx__Clock__Speed" })
        {
            Assert.Contains($"- name: {key}", helpers);
        }

        Assert.Contains("kind: PodDisruptionBudget", Template("pdb.yaml"));
        Assert.Contains("kind: HorizontalPodAutoscaler", Template("hpa.yaml"));
        Assert.Contains("name: {{ include \"pbxgrains.fullname\" . }}-api", Template("hpa.yaml"));
        Assert.Contains("kind: Ingress", Template("ingress.yaml"));
        Assert.Contains("kind: ServiceMonitor", Template("servicemonitor.yaml"));
        Assert.Contains("kind: Secret", Template("secret.yaml"));
    }

    [Fact]
    public void The_default_shutdown_ends_before_Kubernetes_kills_the_pod()
    {
        var shutdown = (YamlMappingNode)Values()["shutdown"];
        var (preStop, timeout, grace) = (int.Parse(Scalar(shutdown, "preStopSeconds")), int.Parse(Scalar(shutdown, "timeoutSeconds")),
            int.Parse(Scalar(shutdown, "terminationGracePeriodSeconds")));

        Assert.True(preStop > 0, "a preStop delay by default, so the Service's consumers drop the pod before it refuses anything");
        Assert.True(timeout >= 30, "the host's shutdown leaves time to hand live calls over");
        Assert.True(preStop + timeout < grace, $"preStop {preStop} s + shutdown {timeout} s must end before the grace period of {grace} s");
        Assert.Contains("fail \"shutdown.preStopSeconds + shutdown.timeoutSeconds must be shorter than shutdown.terminationGracePeriodSeconds\"", Template("_helpers.tpl"));
        Assert.Contains("ge (add (int .Values.shutdown.preStopSeconds) (int .Values.shutdown.timeoutSeconds)) (int .Values.shutdown.terminationGracePeriodSeconds)",
            Template("_helpers.tpl"));
    }

    [Fact]
    public void Both_workloads_roll_out_without_losing_capacity_and_wait_before_they_stop()
    {
        var values = Values();
        var helpers = Template("_helpers.tpl");
        foreach (var (workload, tier) in new[] { ("silo-deployment.yaml", "silo"), ("api-deployment.yaml", "api") })
        {
            var text = Template(workload);
            Assert.Matches($@"strategy:\s+type: RollingUpdate\s+rollingUpdate:\s+maxUnavailable: 0\s+maxSurge: \{{\{{ \.Values\.{tier}\.maxSurge \}}\}}", text);
            Assert.True(int.Parse(Scalar((YamlMappingNode)values[tier], "maxSurge")) >= 1, $"{tier}.maxSurge: a rollout must be able to start a pod");
            Assert.Contains("include \"pbxgrains.preStop\"", text);
        }

        // The preStop hook sleeps in the kubelet (no sleep binary needed in the image), and only when asked to.
        Assert.Matches(@"if gt \(int \.Values\.shutdown\.preStopSeconds\) 0 \}\}\s+lifecycle:\s+preStop:\s+sleep:\s+seconds: \{\{ \.Values\.shutdown\.preStopSeconds \}\}", helpers);
    }

    [Fact]
    public void Readiness_turns_false_within_seconds_of_the_start_of_shutdown()
    {
        // The host's ready check fails from ApplicationStopping on (ShutdownHealthCheck); the probe must see it well
        // inside the preStop delay plus the shutdown, or Kubernetes would keep the pod in the Service throughout.
        var probes = (YamlMappingNode)Values()["probes"];
        var readiness = (YamlMappingNode)probes["readiness"];
        var noticed = int.Parse(Scalar(readiness, "periodSeconds")) * int.Parse(Scalar(readiness, "failureThreshold"));
        var shutdown = (YamlMappingNode)Values()["shutdown"];
        Assert.True(noticed <= 10 && noticed < int.Parse(Scalar(shutdown, "timeoutSeconds")), $"readiness noticed after {noticed} s");
        Assert.Contains("path: /health/ready", Template("_helpers.tpl"));
    }

    [Fact]
    public void The_Dockerfile_builds_in_stages_and_runs_as_non_root()
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryLayoutAttribute.Current.Repository, "Dockerfile"));
        Assert.Equal(2, Regex.Matches(dockerfile, @"^FROM ", RegexOptions.Multiline).Count);
        Assert.Matches(@"(?m)^USER \$APP_UID", dockerfile);
        Assert.Matches(@"(?m)^EXPOSE 8080 11111 30000", dockerfile);
    }

    private static YamlMappingNode Values() => (YamlMappingNode)Load(File.ReadAllText(Path.Combine(Chart, "values.yaml"))).Single().RootNode;

    private static List<YamlDocument> Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents];
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static int Count(string text, string token) => Regex.Matches(text, Regex.Escape(token)).Count;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*:")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"\{\{-?(.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Action();

    [GeneratedRegex(@"^\s*\{\{-?.*-?\}\}\s*$")]
    private static partial Regex ActionLine();

    [GeneratedRegex(@"\{\{-?\s*define\s+""([^""]+)""")]
    private static partial Regex Define();

    [GeneratedRegex(@"(?:include|template)\s+""([^""]+)""")]
    private static partial Regex Include();
}
