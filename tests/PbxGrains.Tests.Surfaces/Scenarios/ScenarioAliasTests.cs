using PbxGrains.Client;
using PbxGrains.Host.Scenarios;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Tests.Surfaces.Scenarios;

/// <summary>
/// A YAML document stands for a bounded number of values once its aliases are expanded. Three nested aliases in 2.8 kB
/// stood for 27 million values, which the binder visited one by one (3.6 s, +400 MB per request).
/// </summary>
public sealed class ScenarioAliasTests
{
    private static ScenarioResult Parse(string text, ScenarioFormat format) => new ScenarioLoader(PbxClock.System).Parse(text, format);

    private static string Laughs()
    {
        static string List(string item) => "[" + string.Join(',', Enumerable.Repeat(item, 300)) + "]";
        return $"tenant: laughs\nx-a: &a {List("x")}\nx-b: &b {List("*a")}\nx-c: {List("*b")}\n";
    }

    [Fact]
    public void Three_nested_aliases_are_refused_at_reading_without_expanding_them()
    {
        var yaml = Laughs();
        Assert.InRange(yaml.Length, 2_000, 3_000);

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var result = Parse(yaml, ScenarioFormat.Yaml);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;

        Assert.False(result.IsValid);
        Assert.Contains($"more than {YamlDocReader.MaxExpandedValues} values once its aliases are expanded", result.ErrorText, StringComparison.Ordinal);
        // Reading keeps each alias as the one node it names: a few hundred kB, not the hundreds of MB of expanding it.
        Assert.InRange(allocated, 0, 20_000_000);
    }

    [Fact]
    public void Anchors_and_merges_of_an_ordinary_scenario_still_load()
    {
        const string Yaml = """
            tenant: anchored
            extensions:
              - &phone {number: "201", name: One}
              - {<<: *phone, number: "202", name: Two}
              - {<<: *phone, number: "203"}
            """;
        var result = Parse(Yaml, ScenarioFormat.Yaml);
        Assert.True(result.IsValid, result.ErrorText);
        Assert.Equal(3, result.Definition!.Extensions.Length);
    }

    [Fact]
    public void Aliases_just_under_the_bound_are_read()
    {
        // 1 + 10 * (1 + 1000) values: the bound counts values, it does not refuse aliases as such.
        var yaml = "tenant: many\nx-a: &a [" + string.Join(',', Enumerable.Repeat("x", 1000)) + "]\nx-b: [" + string.Join(',', Enumerable.Repeat("*a", 10)) + "]\n";
        Assert.DoesNotContain("aliases are expanded", Parse(yaml, ScenarioFormat.Yaml).ErrorText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"tenant":"\ud800"}""")]
    [InlineData("""{"\udc00":"x","tenant":"t"}""")]
    public void A_lone_surrogate_in_JSON_is_a_syntax_error(string json)
    {
        // The reader parses "\ud800" but cannot hand it out as text; it was a 500 on POST /sim/tenants.
        var result = Parse(json, ScenarioFormat.Json);
        Assert.False(result.IsValid);
        Assert.Contains("not valid Unicode", result.ErrorText, StringComparison.Ordinal);
    }
}
