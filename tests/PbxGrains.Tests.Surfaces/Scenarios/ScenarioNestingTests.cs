using PbxGrains.Client;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Tests.Surfaces.Scenarios;

/// <summary>A scenario nested past the readers' depth is a syntax error, not a stack overflow that ends the process.</summary>
public sealed class ScenarioNestingTests
{
    private static ScenarioResult Parse(string text, ScenarioFormat format) => new ScenarioLoader(PbxClock.System).Parse(text, format);

    [Fact]
    public void Deeply_nested_yaml_is_a_syntax_error()
    {
        // 100 000 levels overflowed the reader's recursion (POST /sim/tenants crashed the host).
        var result = Parse("tenant: deep\nx: " + new string('[', 100_000), ScenarioFormat.Yaml);
        Assert.False(result.IsValid);
        Assert.Contains("Nesting deeper than 32 levels", result.ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public void Yaml_as_deep_as_json_may_go_is_read()
    {
        // The root map is level 1; 31 nested lists under x make 32 levels, as JsonDocReader's MaxDepth allows.
        var yaml = "tenant: deep\nx: " + new string('[', 31) + new string(']', 31);
        var json = "{\"tenant\":\"deep\",\"x\":" + new string('[', 31) + new string(']', 31) + "}";
        var fromYaml = Parse(yaml, ScenarioFormat.Yaml);
        var fromJson = Parse(json, ScenarioFormat.Json);

        // Both are read (the only problem is the unknown key x), and one more level is refused by both.
        Assert.Contains("unknown key 'x'", fromYaml.ErrorText, StringComparison.Ordinal);
        Assert.Contains("unknown key 'x'", fromJson.ErrorText, StringComparison.Ordinal);
        Assert.Contains("Nesting deeper", Parse("tenant: deep\nx: " + new string('[', 32) + new string(']', 32), ScenarioFormat.Yaml).ErrorText, StringComparison.Ordinal);
        Assert.Contains("JSON syntax error", Parse("{\"tenant\":\"deep\",\"x\":" + new string('[', 32) + new string(']', 32) + "}", ScenarioFormat.Json).ErrorText, StringComparison.Ordinal);
    }
}
