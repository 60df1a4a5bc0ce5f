using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue.Rules;

namespace PbxGrains.Tests.Unit;

/// <summary>The tenant definition's one rule set: each section's rules and how the sections fit together, each problem at its path.</summary>
public sealed class TenantRulesTests
{
    [Fact]
    public void A_complete_and_consistent_tenant_is_valid()
    {
        Assert.Null(Problems(Valid()));
    }

    [Fact]
    public void An_empty_tenant_is_valid()
    {
        Assert.Null(Problems(new TenantDefinition { Id = "empty" }));
    }

    [Fact]
    public void A_ring_group_may_ring_an_outside_number_marked_with_a_hash()
    {
        var definition = Valid() with { RingGroups = [new RingGroupConfig { Number = "610", Members = ["4001", "0470123456#"] }] };

        Assert.Null(Problems(definition));
    }

    [Theory]
    [InlineData("-acme")]
    [InlineData("ac/me")]
    [InlineData("ac me")]
    [InlineData("")]
    public void An_invalid_tenant_id_is_reported_on_the_tenant(string id)
    {
        Assert.StartsWith("tenant: ", Problems(Valid() with { Id = id }));
    }

    [Theory]
    [InlineData("trunk", "trunk: ")]
    [InlineData("outsidePrefix", "outsidePrefix: ")]
    [InlineData("outsideWorld.pattern", "outsideWorld[1].pattern: '_[12' is not a number or an Asterisk pattern")]
    [InlineData("outsideWorld.emptyPattern", "outsideWorld[1].pattern: ")]
    [InlineData("outsideWorld.delay", "outsideWorld[1].delay: max must not be below min")]
    [InlineData("outsideWorld.talkTime", "outsideWorld[1].talkTime: mean must be positive")]
    [InlineData("outsideWorld.probabilityAboveOne", "outsideWorld[1].answerProbability: must be between 0 and 1")]
    [InlineData("outsideWorld.probabilityNegative", "outsideWorld[1].answerProbability: must be between 0 and 1")]
    [InlineData("outsideWorld.probabilityNaN", "outsideWorld[1].answerProbability: must be between 0 and 1")]
    public void A_settings_problem_names_its_field(string problem, string message)
    {
        var settings = Valid().Settings;
        var secondRule = new ExternalRule { Pattern = "_X." };
        settings = problem switch
        {
            "trunk" => settings with { Trunk = "my-trunk" },
            "outsidePrefix" => settings with { OutsidePrefix = "9a" },
            "outsideWorld.pattern" => settings with { OutsideWorld = [settings.OutsideWorld[0], secondRule with { Pattern = "_[12" }] },
            "outsideWorld.emptyPattern" => settings with { OutsideWorld = [settings.OutsideWorld[0], secondRule with { Pattern = "" }] },
            "outsideWorld.delay" => settings with { OutsideWorld = [settings.OutsideWorld[0], secondRule with { Delay = Distribution.Uniform(5, 1) }] },
            "outsideWorld.talkTime" => settings with { OutsideWorld = [settings.OutsideWorld[0], secondRule with { TalkTime = Distribution.Exponential(0) }] },
            "outsideWorld.probabilityAboveOne" => settings with { OutsideWorld = [settings.OutsideWorld[0], secondRule with { AnswerProbability = 1.5 }] },
            "outsideWorld.probabilityNegative" => settings with { OutsideWorld = [settings.OutsideWorld[0], secondRule with { AnswerProbability = -0.1 }] },
            "outsideWorld.probabilityNaN" => settings with { OutsideWorld = [settings.OutsideWorld[0], secondRule with { AnswerProbability = double.NaN }] },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        AssertReported(message, Valid() with { Settings = settings });
    }

    [Theory]
    [InlineData("number", "extensions[1].number: must be 1 to 20 digits, '*' or '#'")]
    [InlineData("tech", "extensions[1].tech: ")]
    [InlineData("sipUser", "extensions[1].sipUser: ")]
    [InlineData("publicNumber", "extensions[1].publicNumber: must be 1 to 20 digits, '*' or '#', not '32-2-900'")]
    [InlineData("ringTimer", "extensions[1].ringTimer: ")]
    [InlineData("phone", "extensions[1].phone.answerProbability: must be between 0 and 1")]
    [InlineData("duplicateNumber", "extensions[1].number: number 4001 is already taken by extension 4001")]
    [InlineData("duplicatePublicNumber", "extensions[1].publicNumber: number 3222900001 is already taken by the public number of extension 4001")]
    [InlineData("publicNumberIsAnExtension", "extensions[0].publicNumber: number 3222900001 is already taken by extension 3222900001")]
    [InlineData("duplicateSipUser", "extensions[1].sipUser: sipUser '4001' is already used by extension 4001")]
    [InlineData("duplicateDatabaseId", "extensions[1].id: id 11 is already used by extension 4001")]
    public void An_extension_problem_names_the_extension_by_index_and_field(string problem, string message)
    {
        var second = Valid().Extensions[1];
        second = problem switch
        {
            "number" => second with { Number = "40a2" },
            "tech" => second with { Tech = "SKYPE" },
            "sipUser" => second with { SipUser = "bob-smith" },
            "publicNumber" => second with { PublicNumber = "+32-2-900" },
            "ringTimer" => second with { RingTimerSeconds = 0 },
            "phone" => second with { Phone = new PhoneBehaviour { AnswerProbability = 2 } },
            "duplicateNumber" => second with { Number = "4001", SipUser = "other" },
            "duplicatePublicNumber" => second with { PublicNumber = "3222900001" },
            "publicNumberIsAnExtension" => second with { Number = "3222900001" },
            "duplicateSipUser" => second with { SipUser = "4001" },
            "duplicateDatabaseId" => second with { DatabaseId = 11 },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var definition = Valid();

        AssertReported(message, definition with { Extensions = definition.Extensions.SetItem(1, second) });
    }

    [Theory]
    [InlineData("name", "queues[0].name: ")]
    [InlineData("number", "queues[0].number: must be 1 to 20 digits, '*' or '#', not '6x0'")]
    [InlineData("strategy", "queues[0].strategy: unknown strategy")]
    [InlineData("maxCallers", "queues[0].maxCallers: ")]
    [InlineData("serviceLevel", "queues[0].serviceLevel: ")]
    [InlineData("memberTimeout", "queues[0].memberTimeout: ")]
    [InlineData("retry", "queues[0].retry: ")]
    [InlineData("wrapUp", "queues[0].wrapUp: ")]
    [InlineData("penalty", "queues[0].members[0].penalty: must be between 0 and 1000")]
    [InlineData("duplicateMember", "queues[0].members[1].extension: extension '4001' is already a member of this queue")]
    [InlineData("unknownMember", "queues[0].members[0].extension: extension '4999' is not defined in this scenario")]
    [InlineData("numberIsAnExtension", "queues[0].number: number 4002 is already taken by extension 4002")]
    [InlineData("numberIsAPublicNumber", "queues[0].number: number 3222900001 is already taken by the public number of extension 4001")]
    public void A_queue_problem_names_the_queue_by_index_and_field(string problem, string message)
    {
        var queue = Valid().Queues[0];
        queue = problem switch
        {
            "name" => queue with { Name = "support/2" },
            "number" => queue with { Number = "6x0" },
            "strategy" => queue with { Strategy = (QueueStrategy)42 },
            "maxCallers" => queue with { MaxCallers = -1 },
            "serviceLevel" => queue with { ServiceLevelSeconds = 0 },
            "memberTimeout" => queue with { MemberTimeoutSeconds = 601 },
            "retry" => queue with { RetrySeconds = -1 },
            "wrapUp" => queue with { WrapUpSeconds = 3601 },
            "penalty" => queue with { Members = [new QueueMemberConfig { Extension = "4001", Penalty = -1 }] },
            "duplicateMember" => queue with { Members = [new QueueMemberConfig { Extension = "4001" }, new QueueMemberConfig { Extension = "4001", Penalty = 1 }] },
            "unknownMember" => queue with { Members = [new QueueMemberConfig { Extension = "4999" }] },
            "numberIsAnExtension" => queue with { Number = "4002" },
            "numberIsAPublicNumber" => queue with { Number = "3222900001" },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var definition = Valid();

        AssertReported(message, definition with { Queues = definition.Queues.SetItem(0, queue) });
    }

    [Fact]
    public void A_queue_defined_twice_is_reported_on_the_second_name()
    {
        var definition = Valid();
        var twice = definition with { Queues = definition.Queues.Add(new QueueConfig { Name = "support" }) };

        Assert.Equal("queues[1].name: queue 'support' is defined twice", Problems(twice));
    }

    [Theory]
    [InlineData("id", "agents[0].id: ")]
    [InlineData("pin", "agents[0].pin: must be digits")]
    [InlineData("penalty", "agents[0].queues[0].penalty: must be between 0 and 1000")]
    [InlineData("unknownQueue", "agents[0].queues[0].queue: queue 'sales' is not defined in this scenario")]
    public void An_agent_problem_names_the_agent_by_index_and_field(string problem, string message)
    {
        var agent = Valid().Agents[0];
        agent = problem switch
        {
            "id" => agent with { Id = "agent 1" },
            "pin" => agent with { Pin = "12a4" },
            "penalty" => agent with { Queues = [new AgentQueueMembership("support", -1)] },
            "unknownQueue" => agent with { Queues = [new AgentQueueMembership("sales")] },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var definition = Valid();

        AssertReported(message, definition with { Agents = definition.Agents.SetItem(0, agent) });
    }

    [Fact]
    public void An_agent_defined_twice_is_reported_on_the_second_id()
    {
        var definition = Valid();
        var twice = definition with { Agents = definition.Agents.Add(new AgentConfig { Id = "agent1" }) };

        Assert.Equal("agents[1].id: agent 'agent1' is defined twice", Problems(twice));
    }

    [Theory]
    [InlineData("number", "ringGroups[0].number: is required")]
    [InlineData("noMembers", "ringGroups[0].members: must list at least one extension or number")]
    [InlineData("badMember", "ringGroups[0].members[1]: 'bob' is not a number")]
    [InlineData("ringTimeZero", "ringGroups[0].ringTime: must be between 1 and 300")]
    [InlineData("ringTimeTooLong", "ringGroups[0].ringTime: must be between 1 and 300")]
    [InlineData("numberIsAnExtension", "ringGroups[0].number: number 4001 is already taken by extension 4001")]
    [InlineData("numberIsAQueue", "ringGroups[0].number: number 600 is already taken by queue support")]
    public void A_ring_group_problem_names_the_group_by_index_and_field(string problem, string message)
    {
        var group = Valid().RingGroups[0];
        group = problem switch
        {
            "number" => group with { Number = "" },
            "noMembers" => group with { Members = [] },
            "badMember" => group with { Members = ["4001", "bob"] },
            "ringTimeZero" => group with { RingTimeSeconds = 0 },
            "ringTimeTooLong" => group with { RingTimeSeconds = 301 },
            "numberIsAnExtension" => group with { Number = "4001" },
            "numberIsAQueue" => group with { Number = "600" },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var definition = Valid();

        Assert.Equal(message, Problems(definition with { RingGroups = definition.RingGroups.SetItem(0, group) }));
    }

    [Theory]
    [InlineData("name", "parking[0].name: must be letters, digits, '.', '-' or '_'")]
    [InlineData("emptyName", "parking[0].name: must be letters, digits, '.', '-' or '_'")]
    [InlineData("firstSlot", "parking[0].firstSlot: must be between 1 and 99999999")]
    [InlineData("noSlots", "parking[0].slots: must be between 1 and 1000")]
    [InlineData("tooManySlots", "parking[0].slots: must be between 1 and 1000")]
    [InlineData("timeout", "parking[0].timeout: must be between 0 and 3600")]
    [InlineData("slotIsAnExtension", "parking[0].firstSlot: number 4001 is already taken by extension 4001")]
    [InlineData("slotIsAQueue", "queues[0].number: number 600 is already taken by parking lot default (slots 598-602)")]
    [InlineData("slotIsARingGroup", "ringGroups[0].number: number 610 is already taken by parking lot default (slots 605-614)")]
    public void A_parking_problem_names_the_lot_by_index_and_field(string problem, string message)
    {
        var lot = Valid().ParkingLots[0];
        lot = problem switch
        {
            "name" => lot with { Name = "a/b" },
            "emptyName" => lot with { Name = " " },
            "firstSlot" => lot with { FirstSlot = 0 },
            "noSlots" => lot with { SlotCount = 0 },
            "tooManySlots" => lot with { SlotCount = 1001 },
            "timeout" => lot with { TimeoutSeconds = -1 },
            "slotIsAnExtension" => lot with { FirstSlot = 3999, SlotCount = 5 },
            "slotIsAQueue" => lot with { FirstSlot = 598, SlotCount = 5 },
            "slotIsARingGroup" => lot with { FirstSlot = 605, SlotCount = 10 },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        var definition = Valid();

        Assert.Equal(message, Problems(definition with { ParkingLots = definition.ParkingLots.SetItem(0, lot) }));
    }

    [Fact]
    public void A_parking_lot_defined_twice_is_reported_on_the_second_name()
    {
        var definition = Valid();
        var twice = definition with { ParkingLots = definition.ParkingLots.Add(new ParkingLotConfig { FirstSlot = 801 }) };

        Assert.Equal("parking[1].name: parking lot 'default' is defined twice", Problems(twice));
    }

    [Fact]
    public void Overlapping_parking_lots_are_reported_on_the_first_shared_slot()
    {
        var definition = Valid();
        var overlapping = definition with { ParkingLots = definition.ParkingLots.Add(new ParkingLotConfig { Name = "vip", FirstSlot = 715 }) };

        Assert.Equal("parking[1].firstSlot: number 715 is already taken by parking lot default (slots 701-720)", Problems(overlapping));
    }

    [Fact]
    public void A_registration_of_an_unknown_extension_is_reported()
    {
        var definition = Valid();
        var registered = definition with { Registrations = definition.Registrations.Add("4999", Registration()) };

        Assert.Equal("registrations.4999: extension '4999' is not defined in this scenario", Problems(registered));
    }

    [Theory]
    [InlineData("", 5060, "registrations.4001.host: must be a host name or address")]
    [InlineData("192.0.2.10", 0, "registrations.4001.port: must be between 1 and 65535")]
    [InlineData("192.0.2.10", 65536, "registrations.4001.port: must be between 1 and 65535")]
    public void An_unusable_registration_names_the_extension_and_field(string host, int port, string message)
    {
        var definition = Valid();
        var registration = Registration() with { Host = host, Port = port };

        Assert.Equal(message, Problems(definition with { Registrations = definition.Registrations.SetItem("4001", registration) }));
    }

    [Fact]
    public void A_login_of_an_unknown_agent_is_reported()
    {
        var definition = Valid();
        var login = definition with { AgentLogins = definition.AgentLogins.Add("agent9", "4001") };

        Assert.Equal("agents.agent9.loggedInAt: agent 'agent9' is not defined in this scenario", Problems(login));
    }

    [Fact]
    public void A_login_at_an_unknown_extension_is_reported()
    {
        var definition = Valid();
        var login = definition with { AgentLogins = definition.AgentLogins.SetItem("agent1", "4999") };

        Assert.Equal("agents.agent1.loggedInAt: extension '4999' is not defined in this scenario", Problems(login));
    }

    /// <summary>Every problem is reported, so one mistake's problem is among them, whatever else the change broke.</summary>
    private static void AssertReported(string problem, TenantDefinition definition) =>
        Assert.Contains(TenantRules.Check(definition).All, p => p.ToString().StartsWith(problem, StringComparison.Ordinal));

    /// <summary>Every problem on one line, first found first; null for none.</summary>
    private static string? Problems(TenantDefinition definition) => TenantRules.Check(definition) is { Any: true } problems ? problems.ToString() : null;

    private static TenantDefinition Valid() => new()
    {
        Id = "acme",
        Settings = new TenantSettings
        {
            Trunk = "upc",
            OutsidePrefix = "0",
            OutsideWorld = [new ExternalRule { Pattern = "_0800XXXXXX", Outcome = ExternalOutcome.Busy, TalkTime = Distribution.Exponential(60) }],
        },
        Extensions =
        [
            new ExtensionConfig { Number = "4001", PublicNumber = "+3222900001", DatabaseId = 11 },
            new ExtensionConfig { Number = "4002", DatabaseId = 12 },
            new ExtensionConfig { Number = "4003", Tech = "PJSIP", SipUser = "alice" },
        ],
        Queues = [new QueueConfig { Name = "support", Number = "600", Members = [new QueueMemberConfig { Extension = "4001" }] }],
        Agents = [new AgentConfig { Id = "agent1", Pin = "1234", Queues = [new AgentQueueMembership("support", 1)] }],
        RingGroups = [new RingGroupConfig { Number = "610", Members = ["4001", "4002"] }],
        ParkingLots = [new ParkingLotConfig()],
        Registrations = ImmutableDictionary<string, Registration>.Empty.Add("4001", Registration()),
        AgentLogins = ImmutableDictionary<string, string>.Empty.Add("agent1", "4002"),
    };

    private static Registration Registration() => new("192.0.2.10", 5060, "Yealink T46U", "sip:4001@192.0.2.10:5060", Channels.T0);
}
