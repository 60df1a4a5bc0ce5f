using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Traffic;

namespace PbxGrains.Tests.Unit.Simulation;

/// <summary>The rules of one traffic generator (<see cref="TrafficRules"/>) and of traffic within a tenant (<see cref="TenantRules"/>).</summary>
public sealed class TrafficRulesTests
{
    private static readonly TrafficConfig Inbound = new() { Name = "in", Kind = TrafficKind.Inbound, Target = "600", CallsPerHour = 60 };

    private static readonly TrafficConfig Outbound = new()
    {
        Name = "out",
        Kind = TrafficKind.Outbound,
        CallsPerHour = 30,
        Sources = ["4001", "4002"],
        Destinations = ["02XXXXXXX"],
    };

    private static readonly TrafficConfig Internal = new() { Name = "office", Kind = TrafficKind.Internal, CallsPerHour = 60, Sources = ["4001", "4002"] };

    public static readonly TheoryData<string> ValidGenerators = ["inbound", "outbound", "internal", "internalToDestinations", "zeroRate", "profile", "everything"];

    [Theory]
    [MemberData(nameof(ValidGenerators))]
    public void A_well_formed_generator_is_valid(string which)
    {
        var config = which switch
        {
            "inbound" => Inbound,
            "outbound" => Outbound,
            "internal" => Internal,
            "internalToDestinations" => Internal with { Sources = ["4001"], Destinations = ["4002", "40XX"] },
            "zeroRate" => Inbound with { CallsPerHour = 0 },
            "profile" => Inbound with { HourlyProfile = [.. Enumerable.Repeat(0.0, 12), .. Enumerable.Repeat(2.5, 12)] },
            _ => Inbound with
            {
                CallsPerHour = TrafficRules.MaxCallsPerHour,
                Patience = Distribution.LogNormal(90, 45),
                TalkTime = Distribution.Exponential(120),
                CallerIds = ["+3225551234", "0470123456"],
                CallerIdPattern = "+32XXXXXXXX",
                InitialCalls = 10_000,
                Trunk = "upc",
            },
        };

        Assert.Null(ProblemsOf(config));
    }

    public static readonly TheoryData<string, string> Problems = new()
    {
        { "name", "name: must be 1 to 80 characters without '/' or spaces" },
        { "callsPerHour", "callsPerHour: must be between 0 and 1000000" },
        { "hourlyProfile", "hourlyProfile: must be 24 factors (one per hour of the day), none negative" },
        { "patience", "patience: mean must be positive" },
        { "talkTime", "talkTime: max must not be below min" },
        { "callerIdPattern", "callerIdPattern: must be digits and 'X' (a random digit), optionally after '+'" },
        { "callerIds", "callerIds[1]: ' ' is not a caller id" },
        { "destinations", "destinations[1]: '02-XX' must be digits and 'X' (a random digit)" },
        { "initialCalls", "initialCalls: must be between 0 and 10000" },
        { "trunk", "trunk: must be 1 to 40 characters without '/', '-', ',' or spaces" },
        { "target", "target: inbound traffic needs the number it dials" },
        { "outboundSources", "sources: outbound traffic needs the extensions that place the calls" },
        { "outboundDestinations", "destinations: outbound traffic needs the numbers it dials" },
        { "internalSources", "sources: internal traffic needs two extensions, or one and destinations" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_of_a_generator_names_its_field(string problem, string message)
    {
        var config = problem switch
        {
            "name" => Inbound with { Name = "mc inbound" },
            "callsPerHour" => Inbound with { CallsPerHour = -1 },
            "hourlyProfile" => Inbound with { HourlyProfile = [.. Enumerable.Repeat(1.0, 23)] },
            "patience" => Inbound with { Patience = Distribution.Exponential(0) },
            "talkTime" => Inbound with { TalkTime = Distribution.Uniform(5, 1) },
            "callerIdPattern" => Inbound with { CallerIdPattern = "04-XX" },
            "callerIds" => Inbound with { CallerIds = ["0470123456", " "] },
            "destinations" => Outbound with { Destinations = ["02XXXXXXX", "02-XX"] },
            "initialCalls" => Inbound with { InitialCalls = 10_001 },
            "trunk" => Inbound with { Trunk = "my-trunk" },
            "target" => Inbound with { Target = "" },
            "outboundSources" => Outbound with { Sources = [] },
            "outboundDestinations" => Outbound with { Destinations = [] },
            _ => Internal with { Sources = ["4001"] },
        };

        Assert.Equal(message, ProblemsOf(config));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("tab\there")]
    public void A_name_that_is_empty_or_holds_a_slash_or_space_is_refused(string name)
    {
        Assert.StartsWith("name: ", ProblemsOf(Inbound with { Name = name }));
    }

    [Fact]
    public void A_name_longer_than_80_characters_is_refused()
    {
        Assert.StartsWith("name: ", ProblemsOf(Inbound with { Name = new string('g', 81) }));
        Assert.Null(ProblemsOf(Inbound with { Name = new string('g', 80) }));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1_000_001)]
    [InlineData(double.PositiveInfinity)]
    public void A_rate_that_is_not_a_number_or_above_the_maximum_is_refused(double rate)
    {
        Assert.StartsWith("callsPerHour: ", ProblemsOf(Inbound with { CallsPerHour = rate }));
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_profile_with_a_negative_or_non_finite_factor_is_refused(double factor)
    {
        var profile = Enumerable.Repeat(1.0, 24).ToArray();
        profile[17] = factor;

        Assert.StartsWith("hourlyProfile: ", ProblemsOf(Inbound with { HourlyProfile = [.. profile] }));
    }

    [Fact]
    public void A_caller_id_longer_than_40_characters_is_refused()
    {
        Assert.StartsWith("callerIds[0]: ", ProblemsOf(Inbound with { CallerIds = [new string('1', 41)] }));
    }

    [Fact]
    public void A_negative_number_of_initial_calls_is_refused()
    {
        Assert.StartsWith("initialCalls: ", ProblemsOf(Inbound with { InitialCalls = -1 }));
    }

    [Fact]
    public void A_tenant_refuses_a_target_that_is_no_number_of_it()
    {
        var problem = ProblemsOf(Tenant(Inbound with { Target = "999" }));

        Assert.Equal("traffic[0].target: '999' is no extension, public number, queue or ring group of this scenario", problem);
    }

    [Theory]
    [InlineData("600")]
    [InlineData("sales")]
    [InlineData("4001")]
    [InlineData("+3225554001")]
    [InlineData("3225554001")]
    [InlineData("610")]
    public void A_tenant_takes_a_queue_extension_public_number_or_ring_group_as_target(string target)
    {
        Assert.Null(ProblemsOf(Tenant(Inbound with { Target = target })));
    }

    [Fact]
    public void A_tenant_names_the_generator_whose_rule_fails()
    {
        var problem = ProblemsOf(Tenant(Inbound, Outbound with { CallsPerHour = -3 }));

        Assert.Equal("traffic[1].callsPerHour: must be between 0 and 1000000", problem);
    }

    [Fact]
    public void A_tenant_refuses_two_generators_of_one_name()
    {
        var problem = ProblemsOf(Tenant(Inbound, Outbound with { Name = "in" }));

        Assert.Equal("traffic[1].name: traffic 'in' is defined twice", problem);
    }

    [Fact]
    public void A_tenant_refuses_a_source_that_is_no_extension_of_it()
    {
        var problem = ProblemsOf(Tenant(Outbound with { Sources = ["4001", "4999"] }));

        Assert.Equal("traffic[0].sources[1]: extension '4999' is not defined in this scenario", problem);
    }

    [Fact]
    public void A_generator_that_stops_before_it_starts_is_refused_and_one_with_a_window_is_valid()
    {
        var start = Channels.T0;

        Assert.Null(ProblemsOf(Inbound with { StartAt = start, StopAt = start.AddMinutes(20) }));
        Assert.Null(ProblemsOf(Inbound with { StopAt = start }));
        Assert.Contains("stopAt", ProblemsOf(Inbound with { StartAt = start, StopAt = start }));
    }

    private static string? ProblemsOf(TrafficConfig traffic) => TrafficRules.Check(traffic) is { Any: true } problems ? problems.ToString() : null;

    private static string? ProblemsOf(TenantDefinition tenant) => TenantRules.Check(tenant) is { Any: true } problems ? problems.ToString() : null;

    private static TenantDefinition Tenant(params TrafficConfig[] traffic) => new()
    {
        Id = "acme",
        Extensions =
        [
            new ExtensionConfig { Number = "4001", PublicNumber = "+3225554001" },
            new ExtensionConfig { Number = "4002" },
        ],
        Queues = [new QueueConfig { Name = "sales", Number = "600", Members = [new QueueMemberConfig { Extension = "4001" }] }],
        RingGroups = [new RingGroupConfig { Number = "610", Members = ["4001", "4002"] }],
        Traffic = [.. traffic],
    };
}
