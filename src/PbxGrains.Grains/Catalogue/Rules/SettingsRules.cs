using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Grains.StateMachines;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Catalogue.Rules;

/// <summary>What makes a tenant's id and its tenant-wide settings valid.</summary>
public static class SettingsRules
{
    public const int MaxTrunkLength = 40;

    public static void CheckId(string id, FieldProblems problems, string path)
    {
        if (!TenantKey.IsValidTenantId(id))
        {
            problems.Add(path, "must be 1 to 63 letters, digits, '-' or '_', starting with a letter or digit");
        }
    }

    public static FieldProblems Check(TenantSettings settings)
    {
        var problems = new FieldProblems();
        Check(settings, problems);
        return problems;
    }

    /// <summary>The settings' fields sit at the top of a definition, so their paths have no prefix.</summary>
    public static void Check(TenantSettings settings, FieldProblems problems)
    {
        problems.Identifier("trunk", settings.Trunk, MaxTrunkLength);
        if (!settings.OutsidePrefix.All(char.IsAsciiDigit))
        {
            problems.Add("outsidePrefix", "must be digits (or empty for none)");
        }

        for (var i = 0; i < settings.OutsideWorld.Length; i++)
        {
            var rule = settings.OutsideWorld[i];
            var path = Item("outsideWorld", i);
            var pattern = Child(path, "pattern");
            if (problems.Required(pattern, rule.Pattern) && !AsteriskPattern.IsValid(rule.Pattern))
            {
                problems.Add(pattern, $"'{rule.Pattern}' is not a number or an Asterisk pattern such as _X. or _0[1-9]XXX");
            }

            problems.Defined(Child(path, "outcome"), rule.Outcome, "must be answer, busy, noAnswer or congestion");
            problems.Distribution(Child(path, "delay"), rule.Delay);
            problems.Distribution(Child(path, "talkTime"), rule.TalkTime);
            problems.Probability(Child(path, "answerProbability"), rule.AnswerProbability);
        }

        if (settings.Faults.Length > FaultRules.MaxFaultsPerTenant)
        {
            problems.Add("faults", $"a tenant has at most {FaultRules.MaxFaultsPerTenant} faults");
        }

        for (var i = 0; i < settings.Faults.Length; i++)
        {
            FaultRules.Check(settings.Faults[i], problems, Item("faults", i));
        }
    }
}
