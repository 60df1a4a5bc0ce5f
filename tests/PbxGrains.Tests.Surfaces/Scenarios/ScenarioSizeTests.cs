using System.Text;
using PbxGrains.Client;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Tests.Surfaces.Scenarios;

/// <summary>
/// A tenant is at most 10 000 extensions in all. Thirty groups of 10 000 each passed the per-group check, and loading
/// them outlasted the call model's response timeout: PUT /sim/tenants/{id} answered 500 after 42 s.
/// </summary>
public sealed class ScenarioSizeTests
{
    private static ScenarioResult Parse(string yaml) => new ScenarioLoader(PbxClock.System).Parse(yaml, ScenarioFormat.Yaml);

    [Fact]
    public void Groups_that_together_pass_the_tenant_limit_are_refused_at_the_group_that_passes_it()
    {
        var yaml = new StringBuilder("tenant: big\nextensionGroups:\n");
        for (var i = 0; i < 30; i++)
        {
            yaml.Append("  - {from: ").Append(100_000 + (i * 10_000)).Append(", to: ").Append(109_999 + (i * 10_000)).Append("}\n");
        }

        var result = Parse(yaml.ToString());
        Assert.False(result.IsValid);
        Assert.Equal(["extensionGroups[1]: takes the tenant past 10000 extensions"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Listed_extensions_and_groups_count_together_and_the_limit_itself_is_allowed()
    {
        const string Listed = "tenant: big\nextensions: [{number: \"1\"}]\nextensionGroups:\n";
        Assert.True(Parse(Listed + "  - {from: 10000, to: 19998}\n").IsValid);
        Assert.Contains("takes the tenant past 10000 extensions", Parse(Listed + "  - {from: 10000, to: 19999}\n").ErrorText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_section_past_the_limit_is_refused()
    {
        var yaml = new StringBuilder("tenant: big\nextensions:\n");
        for (var i = 0; i <= 10_000; i++)
        {
            yaml.Append("  - {number: \"").Append(20_000 + i).Append("\"}\n");
        }

        Assert.Contains("extensions: holds more than 10000 extensions", Parse(yaml.ToString()).ErrorText, StringComparison.Ordinal);
    }
}
