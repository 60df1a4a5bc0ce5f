using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Catalogue;
using PbxGrains.Grains.Catalogue.Rules;

namespace PbxGrains.Tests.Unit;

public sealed class ExtensionRulesTests
{
    [Theory]
    [InlineData("SIP")]
    [InlineData("PJSIP")]
    [InlineData("IAX2")]
    [InlineData("DAHDI")]
    [InlineData("Local")]
    public void A_plain_extension_on_a_known_technology_is_valid(string tech)
    {
        Assert.Null(ProblemsOf(new ExtensionConfig { Number = "4001", Tech = tech }));
    }

    [Fact]
    public void A_fully_configured_extension_is_valid()
    {
        var config = new ExtensionConfig
        {
            Number = "4001",
            SipUser = "alice",
            PublicNumber = "+3222900001",
            RingTimerSeconds = 600,
            Phone = new PhoneBehaviour { Mode = PhoneMode.AutoAnswer, AnswerProbability = 0.8, TalkTime = Distribution.Exponential(120) },
        };

        Assert.Null(ProblemsOf(config));
    }

    public static TheoryData<string, string> Problems => new()
    {
        { "emptyNumber", "number: is required" },
        { "letterInNumber", "number: must be 1 to 20 digits, '*' or '#', not '40a1'" },
        { "longNumber", "number: must be 1 to 20 digits, '*' or '#', not '111111111111111111111'" },
        { "tech", "tech: must be one of SIP, PJSIP, IAX2, DAHDI, Local, not 'SKYPE'" },
        { "lowercaseTech", "tech: must be one of SIP, PJSIP, IAX2, DAHDI, Local, not 'sip'" },
        { "emptySipUser", "sipUser: must be 1 to 64 characters without '/', '-', ',' or spaces" },
        { "sipUserWithDash", "sipUser: must be 1 to 64 characters without '/', '-', ',' or spaces" },
        { "sipUserWithSlash", "sipUser: must be 1 to 64 characters without '/', '-', ',' or spaces" },
        { "longSipUser", "sipUser: must be 1 to 64 characters without '/', '-', ',' or spaces" },
        { "publicNumber", "publicNumber: must be 1 to 20 digits, '*' or '#', not '32 2 900'" },
        { "ringTimerZero", "ringTimer: must be between 1 and 600" },
        { "ringTimerTooLong", "ringTimer: must be between 1 and 600" },
        { "answerProbability", "phone.answerProbability: must be between 0 and 1" },
        { "answerDelay", "phone.answerDelay: values must be finite and not negative" },
        { "talkTime", "phone.talkTime: mean must be positive" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Each_problem_names_its_field(string problem, string message)
    {
        var valid = new ExtensionConfig { Number = "4001" };
        var config = problem switch
        {
            "emptyNumber" => valid with { Number = "" },
            "letterInNumber" => valid with { Number = "40a1" },
            "longNumber" => valid with { Number = new string('1', 21) },
            "tech" => valid with { Tech = "SKYPE" },
            "lowercaseTech" => valid with { Tech = "sip" },
            "emptySipUser" => valid with { SipUser = "" },
            "sipUserWithDash" => valid with { SipUser = "bob-smith" },
            "sipUserWithSlash" => valid with { SipUser = "bob/smith" },
            "longSipUser" => valid with { SipUser = new string('a', 65) },
            "publicNumber" => valid with { PublicNumber = "+32 2 900" },
            "ringTimerZero" => valid with { RingTimerSeconds = 0 },
            "ringTimerTooLong" => valid with { RingTimerSeconds = 601 },
            "answerProbability" => valid with { Phone = new PhoneBehaviour { AnswerProbability = -0.1 } },
            "answerDelay" => valid with { Phone = new PhoneBehaviour { AnswerDelay = Distribution.Constant(-1) } },
            "talkTime" => valid with { Phone = new PhoneBehaviour { TalkTime = Distribution.LogNormal(0, 5) } },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        Assert.Equal(message, ProblemsOf(config));
    }

    [Theory]
    [InlineData("192.0.2.10", 5060, null)]
    [InlineData("pbx.example", 1, null)]
    [InlineData("192.0.2.10", 65535, null)]
    [InlineData("", 5060, "host: must be a host name or address")]
    [InlineData("  ", 5060, "host: must be a host name or address")]
    [InlineData("192.0.2.10", 0, "port: must be between 1 and 65535")]
    [InlineData("192.0.2.10", 65536, "port: must be between 1 and 65535")]
    public void A_registration_needs_a_host_and_a_port(string host, int port, string? problem)
    {
        var registration = new Registration(host, port, "Yealink T46U", "sip:4001@192.0.2.10", Channels.T0);

        Assert.Equal(problem, ExtensionRules.CheckRegistration(registration) is { Any: true } problems ? problems.ToString() : null);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("4001", true)]
    [InlineData("*98", true)]
    [InlineData("#", true)]
    [InlineData("12345678901234567890", true)]
    [InlineData("123456789012345678901", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("+3222900001", false)]
    [InlineData("40 01", false)]
    [InlineData("٤٠٠١", false)]
    public void A_dialable_number_is_1_to_20_ascii_digits_stars_or_hashes(string? number, bool dialable)
    {
        Assert.Equal(dialable, DialableNumber.IsValid(number));
    }

    private static string? ProblemsOf(ExtensionConfig config) => ExtensionRules.Check(config) is { Any: true } problems ? problems.ToString() : null;
}
