using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue.Rules;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Catalogue;

/// <summary>What makes one extension's own fields valid (how it sits among the tenant's others: <see cref="TenantRules"/>).</summary>
public static class ExtensionRules
{
    public const int MaxSipUserLength = 64;

    public const int MaxRingTimerSeconds = 600;

    public const int MaxLatencyMs = 60_000;

    public static readonly ImmutableArray<string> Techs = ["SIP", "PJSIP", "IAX2", "DAHDI", "Local"];

    public static FieldProblems Check(ExtensionConfig config)
    {
        var problems = new FieldProblems();
        Check(config, problems, "");
        return problems;
    }

    public static void Check(ExtensionConfig config, FieldProblems problems, string path)
    {
        problems.Dialable(Child(path, "number"), config.Number);
        if (config.SipUser is { } user)
        {
            problems.Identifier(Child(path, "sipUser"), user, MaxSipUserLength);
        }

        if (config.PublicNumber is { } did)
        {
            problems.Dialable(Child(path, "publicNumber"), did.TrimStart('+'));
        }

        // A caller id number is presented, never dialled here, so it may carry a leading '+' like a public number.
        if (config.CallerIdNumber is { Length: > 0 } callerId)
        {
            problems.Dialable(Child(path, "callerIdNumber"), callerId.StartsWith('+') ? callerId[1..] : callerId);
        }

        if (!Techs.Contains(config.Tech, StringComparer.Ordinal))
        {
            problems.Add(Child(path, "tech"), $"must be one of {string.Join(", ", Techs)}, not '{config.Tech}'");
        }

        if (!config.DeviceIds.IsDefault && config.DeviceIds.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(Child(path, "devices"), "must not hold empty device ids");
        }

        if (config.DatabaseId is { } id)
        {
            problems.AtLeast(Child(path, "id"), id, 0);
        }

        problems.Between(Child(path, "ringTimer"), config.RingTimerSeconds, 1, MaxRingTimerSeconds);
        CheckPhone(config.Phone, problems, Child(path, "phone"));
    }

    /// <summary>What the simulated phone behind a line may do.</summary>
    public static FieldProblems CheckPhone(PhoneBehaviour phone)
    {
        var problems = new FieldProblems();
        CheckPhone(phone, problems, "");
        return problems;
    }

    public static void CheckPhone(PhoneBehaviour phone, FieldProblems problems, string path)
    {
        problems.Defined(Child(path, "mode"), phone.Mode, "unknown mode");
        problems.Distribution(Child(path, "answerDelay"), phone.AnswerDelay);
        problems.Probability(Child(path, "answerProbability"), phone.AnswerProbability);
        problems.Distribution(Child(path, "talkTime"), phone.TalkTime);
    }

    /// <summary>What makes a registration usable: where the phone is and how far.</summary>
    public static FieldProblems CheckRegistration(Registration registration)
    {
        var problems = new FieldProblems();
        CheckRegistration(registration, problems, "");
        return problems;
    }

    public static void CheckRegistration(Registration registration, FieldProblems problems, string path)
    {
        if (string.IsNullOrEmpty(registration.Host) || registration.Host.Any(char.IsWhiteSpace))
        {
            problems.Add(Child(path, "host"), "must be a host name or address");
        }

        problems.Between(Child(path, "port"), registration.Port, 1, 65535);
        problems.Between(Child(path, "latencyMs"), registration.LatencyMs, 0, MaxLatencyMs);
    }
}
