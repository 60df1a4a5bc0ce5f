using PbxGrains.Client;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Tests.Surfaces.Scenarios;

/// <summary>
/// The loader maps a document and leaves validity to the tenant's rule set, whose problems it reports where the document
/// wrote the value: on the group that made an extension, the extension whose registration it is, the agent that logs
/// in, the weekday range that made a window.
/// </summary>
public sealed class ScenarioRulesTests
{
    private static ScenarioResult Parse(string yaml, PbxClock? clock = null) =>
        new ScenarioLoader(clock ?? PbxClock.System).Parse("tenant: rules\n" + yaml, ScenarioFormat.Yaml);

    private static void AssertError(string yaml, string path, string message)
    {
        var result = Parse(yaml);
        Assert.False(result.IsValid, $"expected {path}: {message}");
        Assert.Contains(result.Errors, e => e.Path == path && e.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_generator_s_window_is_read_as_simulated_instants_in_utc_unless_an_offset_is_given_and_a_bad_one_is_named()
    {
        var result = Parse("extensions: [{number: \"4001\"}]\ntraffic: [{name: w, target: \"4001\", callsPerHour: 1, startAt: \"2026-03-02T10:00\", stopAt: \"2026-03-02T13:30:00+02:00\"}]\n");
        Assert.True(result.IsValid, result.ErrorText);
        var traffic = result.Definition!.Traffic[0];
        Assert.Equal((new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 2, 11, 30, 0, TimeSpan.Zero)), (traffic.StartAt, traffic.StopAt));

        AssertError("traffic: [{name: w, target: \"4001\", callsPerHour: 1, startAt: tomorrow}]\n", "traffic[0].startAt", "must be an instant");
        AssertError("traffic: [{name: w, target: \"4001\", callsPerHour: 1, startAt: \"2026-03-02T10:00Z\", stopAt: \"2026-03-02T11:00+02:00\"}]\n",
            "traffic[0].stopAt", "must be after startAt");
    }

    [Fact]
    public void A_problem_of_an_extension_a_group_made_is_reported_on_the_group_once()
    {
        var result = Parse("extensionGroups: [{from: 2000, to: 2099, ringTimer: 0}]\n");

        Assert.Equal(["extensionGroups[0].ringTimer: must be between 1 and 600"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_number_a_group_gives_again_is_reported_on_the_group()
    {
        AssertError("extensions: [{number: \"2001\"}]\nextensionGroups: [{from: 2000, to: 2002}]\n",
            "extensionGroups[0].number", "number 2001 is already taken by extension 2001");
    }

    [Fact]
    public void A_registration_problem_is_reported_on_the_extensions_registration()
    {
        AssertError("extensions: [{number: \"2001\"}, {number: \"2002\", registration: {port: 0}}]\n",
            "extensions[1].registration.port", "must be between 1 and 65535");
        AssertError("extensionGroups: [{from: 2000, to: 2001, registration: {host: \"a b\"}}]\n",
            "extensionGroups[0].registration.host", "must be a host name or address");
    }

    [Fact]
    public void A_login_problem_is_reported_on_the_agent_that_logs_in()
    {
        AssertError("""
            extensions: [{number: "2001"}]
            agents: [{id: a1, loggedInAt: "2001"}, {id: a2, loggedInAt: "2001"}, {id: a3, loggedInAt: "2999"}]
            """,
            "agents[1].loggedInAt", "extension '2001' already has agent a1 logged in");
        AssertError("extensions: [{number: \"2001\"}]\nagents: [{id: a3, loggedInAt: \"2999\"}]\n",
            "agents[0].loggedInAt", "extension '2999' is not defined in this scenario");
    }

    [Fact]
    public void A_window_a_weekday_range_made_is_reported_on_the_range()
    {
        AssertError("""
            numberRouting:
              timeFilters:
                - {id: 1, kind: weeklyHours, windows: [{day: mon-fri, from: "08:00", to: "12:00"}, {day: sat, from: "10:00", to: "09:00"}]}
            """,
            "numberRouting.timeFilters[0].windows[1].to", "must be after from");
    }

    [Theory]
    [InlineData("queues: [{name: q, maxCallers: 100001}]", "queues[0].maxCallers", "must be between 0 and 100000")]
    [InlineData("queues: [{name: q, members: [{extension: \"2001\", penalty: 1001}]}]", "queues[0].members[0].penalty", "must be between 0 and 1000")]
    [InlineData("queues: [{name: q}]\nagents: [{id: a1, queues: [{queue: q, penalty: 1001}]}]", "agents[0].queues[0].penalty", "must be between 0 and 1000")]
    [InlineData("agents: [{id: agent-1}]", "agents[0].id", "must be 1 to 40 characters without '/', '-', ',' or spaces")]
    [InlineData("outsideWorld: [{pattern: \"_0 X.\"}]", "outsideWorld[0].pattern", "'_0 X.' is not a number or an Asterisk pattern")]
    [InlineData("outsideWorld: [{pattern: \"_\"}]", "outsideWorld[0].pattern", "'_' is not a number or an Asterisk pattern")]
    [InlineData("traffic: [{name: t, callsPerHour: 1, target: \"2001\", trunk: up-c}]", "traffic[0].trunk", "must be 1 to 40 characters")]
    [InlineData("traffic: [{name: t, callsPerHour: 1, target: \"2001\", callerIdPattern: \"04-X\"}]", "traffic[0].callerIdPattern", "must be digits and 'X'")]
    [InlineData("ringGroups: [{number: \"600\", members: [\"2001\"], strategy: hunt, ringTime: 301}]", "ringGroups[0].ringTime", "must be between 1 and 300")]
    public void Each_limit_is_the_rule_sets(string yaml, string path, string message) =>
        AssertError("extensions: [{number: \"2001\"}]\n" + yaml + "\n", path, message);

    [Fact]
    public void A_scenario_may_name_its_hosts_clock_speed_but_not_another()
    {
        var fast = new PbxClock(new ScaledTimeProvider(60));

        var same = Parse("clock: {speed: 60}\n", fast);
        var other = Parse("clock: {speed: 1}\n", fast);
        var unsaid = Parse("extensions: [{number: \"2001\"}]\n", fast);

        Assert.True(same.IsValid, same.ErrorText);
        Assert.Equal(60, same.Definition!.Settings.ClockSpeed);
        Assert.Equal(60, unsaid.Definition!.Settings.ClockSpeed);
        var refused = Assert.Single(other.Errors);
        Assert.Equal("clock.speed", refused.Path);
        Assert.Contains("Pbx:Clock:Speed", refused.Message, StringComparison.Ordinal);
    }
}
