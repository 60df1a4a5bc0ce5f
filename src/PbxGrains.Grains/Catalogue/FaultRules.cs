using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;
using PbxGrains.Grains.Catalogue.Rules;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Catalogue;

/// <summary>What makes a tenant's transport fault valid. Surface names are checked where the surfaces are known (the host).</summary>
public static class FaultRules
{
    /// <summary>A tenant's faults are matched on each of its requests: a bound keeps that cheap.</summary>
    public const int MaxFaultsPerTenant = 64;

    /// <summary>The longest delay a latency fault may hold a request (real seconds): longer is a hang, which a client's timeout tells apart anyway.</summary>
    public const double MaxDelaySeconds = 120;

    /// <summary>The statuses an HTTP-status fault answers: what a server, a proxy or a rate limiter in front of a PBX gives.</summary>
    public static readonly IReadOnlySet<int> Statuses = new SortedSet<int> { 401, 403, 404, 408, 429, 500, 502, 503, 504 };

    private const int MaxTextLength = 200;

    public static FieldProblems Check(FaultRule rule)
    {
        var problems = new FieldProblems();
        Check(rule, problems, "");
        return problems;
    }

    public static void Check(FaultRule rule, FieldProblems problems, string path)
    {
        problems.Defined(Child(path, "kind"), rule.Kind,
            "must be latency, vendorError, httpStatus, emptyResponse, malformedBody, connectionReset, slowBody, staleAnswer, "
            + "trunkDown, trunkLossy, phoneNoAnswer, callDrop, phonesUnregister, membersUnavailable, callStorm or pbxRestart");
        if (rule.Kind.IsTelephony())
        {
            CheckTelephony(rule, problems, path);
        }
        else if (rule.Numbers.Length > 0 || rule.Cause != HangupCause.NotDefined)
        {
            problems.Add(Child(path, rule.Numbers.Length > 0 ? "numbers" : "cause"), "applies to telephony faults only");
        }
        if (rule.Surface.Length > 0 && (rule.Surface.Length > 32 || !rule.Surface.All(char.IsAsciiLetterLower)))
        {
            problems.Add(Child(path, "surface"), "must be a surface's name (lower-case letters), or empty for every surface");
        }

        Text(problems, Child(path, "endpoint"), rule.Endpoint);
        Text(problems, Child(path, "client"), rule.Client);
        Text(problems, Child(path, "errorMessage"), rule.ErrorMessage);
        problems.Probability(Child(path, "probability"), rule.Probability);
        problems.Between(Child(path, "everyNth"), rule.EveryNth, 0, 1_000_000);
        if (rule.From is { } from && rule.Until is { } until && until <= from)
        {
            problems.Add(Child(path, "until"), "must be after from");
        }

        switch (rule.Kind)
        {
            case FaultKind.Latency:
                if (rule.Delay is null)
                {
                    problems.Add(Child(path, "delay"), "is required for a latency fault");
                }
                else if (problems.Distribution(Child(path, "delay"), rule.Delay) && rule.Delay.Mean > MaxDelaySeconds)
                {
                    problems.Add(Child(path, "delay"), $"must have a mean of at most {MaxDelaySeconds} seconds");
                }

                break;
            case FaultKind.HttpStatus:
                if (!Statuses.Contains(rule.Status))
                {
                    problems.Add(Child(path, "status"), $"must be one of {string.Join(", ", Statuses)}");
                }

                problems.Between(Child(path, "retryAfterSeconds"), rule.RetryAfterSeconds, 0, 86_400);
                break;
            case FaultKind.VendorError:
                problems.Between(Child(path, "errorCode"), rule.ErrorCode, 0, 999_999);
                break;
            case FaultKind.SlowBody:
                problems.Between(Child(path, "bytesPerSecond"), rule.BytesPerSecond, 1, 10_000_000);
                break;
            case FaultKind.StaleAnswer:
                problems.Between(Child(path, "ageSeconds"), rule.AgeSeconds, 1, 86_400);
                break;
        }
    }

    /// <summary>The longest talk a drop may wait for (simulated seconds): a day, as a call's own talk time.</summary>
    public const double MaxDropAfterSeconds = 86_400;

    /// <summary>
    /// A telephony fault acts on calls, not requests: it has no surface, endpoint or client, and fires by its share of
    /// calls (drawn from each call's own random stream) in its window, not by a count of requests.
    /// </summary>
    private static void CheckTelephony(FaultRule rule, FieldProblems problems, string path)
    {
        foreach (var (name, value) in new[] { ("surface", rule.Surface), ("endpoint", rule.Endpoint), ("client", rule.Client) })
        {
            if (value.Length > 0)
            {
                problems.Add(Child(path, name), "must be empty for a telephony fault (it acts on calls; numbers says which)");
            }
        }

        if (rule.EveryNth != 0)
        {
            problems.Add(Child(path, "everyNth"), "must be 0 for a telephony fault (use probability)");
        }

        if (rule.Numbers.Length > 0 && (rule.Numbers.Length > MaxTextLength || !AsteriskPattern.IsValid(rule.Numbers)))
        {
            problems.Add(Child(path, "numbers"), "must be a number or an Asterisk pattern (_0X.), or empty for every number");
        }

        problems.Defined(Child(path, "cause"), rule.Cause, "must be a hang-up cause (16, 17, 18, 19, 20, 21, 27, 31, 34, 38) or 0 for the kind's usual one");
        if (rule.Kind == FaultKind.CallDrop && rule.Delay is not null
            && problems.Distribution(Child(path, "delay"), rule.Delay) && rule.Delay.Mean > MaxDropAfterSeconds)
        {
            problems.Add(Child(path, "delay"), $"must have a mean of at most {MaxDropAfterSeconds} seconds");
        }
        else if (rule.Kind != FaultKind.CallDrop && rule.Delay is not null)
        {
            problems.Add(Child(path, "delay"), "applies to latency and callDrop faults only");
        }

        if (rule.Kind == FaultKind.CallStorm)
        {
            if (rule.Factor is not (> 1 and <= MaxStormFactor))
            {
                problems.Add(Child(path, "factor"), $"must be more than 1 and at most {MaxStormFactor} (the generators' rate is multiplied by it)");
            }
        }
        else if (rule.Factor != 0)
        {
            problems.Add(Child(path, "factor"), "applies to callStorm faults only");
        }

        if (rule.Kind == FaultKind.PbxRestart && (rule.Numbers.Length > 0 || rule.Probability < 1))
        {
            problems.Add(Child(path, rule.Numbers.Length > 0 ? "numbers" : "probability"), "a pbxRestart ends every live call of the tenant: no numbers, no share");
        }
    }

    /// <summary>The most a storm multiplies a generator's rate by: beyond it a storm is a load test of its own.</summary>
    public const double MaxStormFactor = 100;

    private static void Text(FieldProblems problems, string path, string value)
    {
        if (value.Length > MaxTextLength || value.Any(char.IsControl))
        {
            problems.Add(path, $"must be at most {MaxTextLength} characters, none of them control characters");
        }
    }
}
