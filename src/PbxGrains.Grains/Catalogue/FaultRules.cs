using PbxGrains.Abstractions.Contracts;
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
            "must be latency, vendorError, httpStatus, emptyResponse, malformedBody, connectionReset or slowBody");
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
        }
    }

    private static void Text(FieldProblems problems, string path, string value)
    {
        if (value.Length > MaxTextLength || value.Any(char.IsControl))
        {
            problems.Add(path, $"must be at most {MaxTextLength} characters, none of them control characters");
        }
    }
}
