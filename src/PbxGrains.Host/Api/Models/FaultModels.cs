using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Faults;

namespace PbxGrains.Host.Api.Models;

/// <summary>
/// A fault to add: a transport fault (on requests) or a telephony fault (on calls: <c>trunkDown</c>, <c>trunkLossy</c>,
/// <c>phoneNoAnswer</c>, <c>callDrop</c>, with <c>numbers</c> and <c>cause</c>). Delays are in milliseconds (real time
/// for a latency, simulated talk time before a drop): <c>delayMs</c> alone is a fixed delay, with <c>delayMaxMs</c> a
/// uniform one between the two, with <c>delayStdDevMs</c> a lognormal one of that mean.
/// </summary>
public sealed record class FaultBody
{
    public FaultKind? Kind { get; init; }

    public string? Surface { get; init; }

    public string? Endpoint { get; init; }

    public string? Client { get; init; }

    public double? Probability { get; init; }

    public int? EveryNth { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? Until { get; init; }

    public int? Seed { get; init; }

    public bool? Paused { get; init; }

    public int? Status { get; init; }

    public int? RetryAfterSeconds { get; init; }

    public int? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public double? DelayMs { get; init; }

    public double? DelayMaxMs { get; init; }

    public double? DelayStdDevMs { get; init; }

    public int? BytesPerSecond { get; init; }

    /// <summary><c>staleAnswer</c>: how old (real seconds) an answer may get before it is taken afresh.</summary>
    public int? AgeSeconds { get; init; }

    /// <summary><c>callStorm</c>: the generators' rate is multiplied by it.</summary>
    public double? Factor { get; init; }

    /// <summary>Telephony faults: a number or an Asterisk pattern (<c>_0X.</c>); empty for every number.</summary>
    public string? Numbers { get; init; }

    /// <summary>Telephony faults: the hang-up cause (Q.850 code, e.g. 34); none for the kind's usual one.</summary>
    public int? Cause { get; init; }

    public FaultRule ToRule() => new()
    {
        Kind = Kind ?? FaultKind.Latency,
        Surface = Surface?.Trim().ToLowerInvariant() ?? "",
        Endpoint = Endpoint?.Trim() ?? "",
        Client = Client?.Trim() ?? "",
        Probability = Probability ?? 1,
        EveryNth = EveryNth ?? 0,
        From = From,
        Until = Until,
        Seed = Seed ?? 1,
        Paused = Paused ?? false,
        Status = Status ?? 0,
        RetryAfterSeconds = RetryAfterSeconds ?? 0,
        ErrorCode = ErrorCode ?? 0,
        ErrorMessage = ErrorMessage ?? "",
        Delay = DelayOf(),
        BytesPerSecond = BytesPerSecond ?? 0,
        AgeSeconds = AgeSeconds ?? 0,
        Factor = Factor ?? 0,
        Numbers = Numbers?.Trim() ?? "",
        Cause = (HangupCause)(Cause ?? 0),
    };

    private Distribution? DelayOf() => (DelayMs, DelayMaxMs, DelayStdDevMs) switch
    {
        ({ } min, { } max, _) => Distribution.Uniform(min / 1000, max / 1000),
        ({ } mean, null, { } deviation) => Distribution.LogNormal(mean / 1000, deviation / 1000),
        ({ } fixedMs, null, null) => Distribution.Constant(fixedMs / 1000),
        _ => null,
    };
}

/// <summary>A fault as the tenant keeps it, what it matches in words, and what this process counted for it.</summary>
public sealed record class FaultResponse(
    string Id,
    FaultKind Kind,
    string Matches,
    string Surface,
    string Endpoint,
    string Client,
    double Probability,
    int EveryNth,
    DateTimeOffset? From,
    DateTimeOffset? Until,
    int Seed,
    bool Paused,
    int Status,
    int RetryAfterSeconds,
    int ErrorCode,
    string ErrorMessage,
    double? DelayMs,
    double? DelayMaxMs,
    double? DelayStdDevMs,
    int BytesPerSecond,
    int AgeSeconds,
    double Factor,
    string Numbers,
    int Cause,
    long Matched,
    long Fired);

/// <summary>An incident in force: since when, and what it changed (to be undone at its end).</summary>
public sealed record class AppliedIncidentResponse(
    string Fault, FaultKind Kind, DateTimeOffset Since, IReadOnlyList<string> PhonesUnregistered, IReadOnlyDictionary<string, double> RatesBefore, int CallsEnded);

/// <summary>A fault this process injected.</summary>
public sealed record class FiredFaultResponse(string Fault, FaultKind Kind, string Surface, string Endpoint, string Client, long Request, DateTimeOffset At);

public static class FaultMapping
{
    public static FaultResponse AsResponse(this FaultRule rule, (long Matched, long Fired) counted) => new(
        rule.Id,
        rule.Kind,
        Describe(rule),
        rule.Surface,
        rule.Endpoint,
        rule.Client,
        rule.Probability,
        rule.EveryNth,
        rule.From,
        rule.Until,
        rule.Seed,
        rule.Paused,
        rule.Status,
        rule.RetryAfterSeconds,
        rule.ErrorCode,
        rule.ErrorMessage,
        rule.Delay is { } d ? d.A * 1000 : null,
        rule.Delay is { Kind: DistributionKind.Uniform } u ? u.B * 1000 : null,
        rule.Delay is { Kind: DistributionKind.LogNormal } l ? l.B * 1000 : null,
        rule.BytesPerSecond,
        rule.AgeSeconds,
        rule.Factor,
        rule.Numbers,
        (int)rule.Cause,
        counted.Matched,
        counted.Fired);

    public static AppliedIncidentResponse AsResponse(this Abstractions.Interfaces.AppliedIncident applied) => new(
        applied.Rule, applied.Kind, applied.At, [.. applied.Unregistered.Keys.Order(StringComparer.Ordinal)], applied.RatesBefore, applied.CallsEnded);

    /// <summary>A telephony fault as the fired list shows it: surface <c>telephony</c>, the number as the endpoint, the call as the client.</summary>
    public static FiredFaultResponse AsResponse(this Abstractions.Interfaces.FiredTelephonyFault fired) =>
        new(fired.Rule, fired.Kind, "telephony", fired.Number, fired.Call, 0, fired.At);

    public static FiredFaultResponse AsResponse(this FiredFault fired) =>
        new(fired.Rule, fired.Kind, fired.Surface, fired.Endpoint, fired.Client, fired.Request, fired.At);

    /// <summary>"every 10th voipsun 'originate' request from any client, 50% of them: vendorError 200".</summary>
    public static string Describe(FaultRule rule)
    {
        if (rule.Kind.IsTelephony())
        {
            return DescribeTelephony(rule);
        }

        var which = rule.EveryNth > 1 ? $"every {Ordinal(rule.EveryNth)}" : "every";
        var surface = rule.Surface.Length > 0 ? rule.Surface : "surface";
        var endpoint = rule.Endpoint.Length > 0 ? $" '{rule.Endpoint}'" : "";
        var client = rule.Client.Length > 0 ? $"from {rule.Client}" : "from any client";
        return $"{which} {surface}{endpoint} request {client}{Share(rule)}{Window(rule)}: {What(rule)}{Paused(rule)}";
    }

    /// <summary>"calls to outside numbers matching _0X. that start from … until … (simulated), 20% of them: trunkLossy, cause 38".</summary>
    private static string DescribeTelephony(FaultRule rule)
    {
        var numbers = rule.Numbers.Length > 0 ? $" {rule.Numbers}" : "";
        var which = rule.Kind switch
        {
            FaultKind.PhonesUnregister => $"the phones of extension{(numbers.Length > 0 ? numbers : "s")}",
            FaultKind.MembersUnavailable => $"the members of queue{(numbers.Length > 0 ? numbers : "s")}",
            FaultKind.CallStorm => string.Create(CultureInfo.InvariantCulture, $"generator{(numbers.Length > 0 ? numbers : "s")} at {rule.Factor:0.##}× their rate"),
            FaultKind.PbxRestart => "every live call",
            FaultKind.PhoneNoAnswer => $"rings of extension{(numbers.Length > 0 ? numbers : "s")}",
            FaultKind.CallDrop => $"answered calls{(numbers.Length > 0 ? $" of{numbers}" : "")}",
            _ => $"calls to outside number{(numbers.Length > 0 ? numbers : "s")}",
        };
        var cause = rule.Cause != HangupCause.NotDefined ? $", cause {(int)rule.Cause}" : "";
        var after = rule.Kind == FaultKind.CallDrop && rule.Delay is { } d
            ? string.Create(CultureInfo.InvariantCulture, $" after {Delay(d)} of talk (simulated)")
            : "";
        return $"{which}{Share(rule)}{Window(rule)}: {FaultNames.Of(rule.Kind)}{after}{cause}{Paused(rule)}";
    }

    private static string Window(FaultRule rule) => (rule.From, rule.Until) switch
    {
        ({ } from, { } until) => $", from {from:O} until {until:O} (simulated)",
        ({ } from, null) => $", from {from:O} (simulated)",
        (null, { } until) => $", until {until:O} (simulated)",
        _ => "",
    };

    private static string Share(FaultRule rule) =>
        rule.Probability < 1 ? string.Create(CultureInfo.InvariantCulture, $", {rule.Probability:P0} of them") : "";

    private static string Paused(FaultRule rule) => rule.Paused ? " (paused)" : "";

    private static string What(FaultRule rule) => rule.Kind switch
    {
        FaultKind.Latency => string.Create(CultureInfo.InvariantCulture, $"latency {Delay(rule.Delay)}"),
        FaultKind.VendorError => rule.ErrorCode > 0 ? $"vendor error {rule.ErrorCode}" : "the surface's usual vendor error",
        FaultKind.HttpStatus => rule.RetryAfterSeconds > 0 ? $"HTTP {rule.Status}, Retry-After {rule.RetryAfterSeconds}" : $"HTTP {rule.Status}",
        FaultKind.SlowBody => $"body at {rule.BytesPerSecond} bytes/s",
        FaultKind.StaleAnswer => $"the answer as it was up to {rule.AgeSeconds} s ago",
        _ => FaultNames.Of(rule.Kind),
    };

    private static string Delay(Distribution? delay) => delay switch
    {
        { Kind: DistributionKind.Uniform } u => string.Create(CultureInfo.InvariantCulture, $"{u.A * 1000:0.#}-{u.B * 1000:0.#} ms"),
        { Kind: DistributionKind.LogNormal } l => string.Create(CultureInfo.InvariantCulture, $"lognormal mean {l.A * 1000:0.#} ms, sd {l.B * 1000:0.#} ms"),
        { } c => string.Create(CultureInfo.InvariantCulture, $"{c.A * 1000:0.#} ms"),
        null => "none",
    };

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };
}
