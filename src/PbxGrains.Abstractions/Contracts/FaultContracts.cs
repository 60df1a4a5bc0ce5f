using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>What an injected transport fault does to a request of a vendor surface.</summary>
public enum FaultKind
{
    /// <summary>The answer comes after <see cref="FaultRule.Delay"/>.</summary>
    Latency = 0,

    /// <summary>The surface's own error answer (VoIPSUN errno, Issabel error object, IPPS <c>ERROR:</c>…), code and text from the rule.</summary>
    VendorError = 1,

    /// <summary>An HTTP status with no handler run (401, 403, 429 with Retry-After, 500, 502, 503).</summary>
    HttpStatus = 2,

    /// <summary>200 with an empty body.</summary>
    EmptyResponse = 3,

    /// <summary>The handler's answer cut in half, declared at its full length: a client sees a truncated, unparsable body.</summary>
    MalformedBody = 4,

    /// <summary>The connection is reset before any answer.</summary>
    ConnectionReset = 5,

    /// <summary>The handler's answer written at <see cref="FaultRule.BytesPerSecond"/>.</summary>
    SlowBody = 6,

    /// <summary>
    /// Stale data: the same request's answer as it was when first served, served again until it is
    /// <see cref="FaultRule.AgeSeconds"/> old (real time), then taken afresh: a cache in front of the PBX.
    /// </summary>
    StaleAnswer = 7,

    // Telephony faults: the call model's, not a surface's. They act on calls that start while they hold (a call reads
    // its tenant's settings when it starts), match dialled or answering numbers (FaultRule.Numbers) instead of requests,
    // and draw their share from the call's own random stream, so the same seed gives the same calls the same faults.

    /// <summary>The trunk is down: every outside number dialled gets congestion (or <see cref="FaultRule.Cause"/>) at once.</summary>
    TrunkDown = 10,

    /// <summary>The trunk is lossy: a share (<see cref="FaultRule.Probability"/>) of outside calls fail with <see cref="FaultRule.Cause"/>.</summary>
    TrunkLossy = 11,

    /// <summary>The phones of the matching extensions stop answering: they ring until the ring timer runs out.</summary>
    PhoneNoAnswer = 12,

    /// <summary>A share of the calls answered drop mid-talk, after <see cref="FaultRule.Delay"/> (simulated seconds), with <see cref="FaultRule.Cause"/>.</summary>
    CallDrop = 13,

    // Incidents: telephony faults that act on the whole tenant at an instant (from) and are undone at another (until),
    // rather than on each call as it starts.

    /// <summary>The phones of the matching extensions (a share of them: <see cref="FaultRule.Probability"/>) unregister at <c>from</c> and register again at <c>until</c>.</summary>
    PhonesUnregister = 14,

    /// <summary>Every member of the matching queues (by name or number) becomes unavailable (its phone unregisters) from <c>from</c> to <c>until</c>.</summary>
    MembersUnavailable = 15,

    /// <summary>A storm: the matching traffic generators place calls at <see cref="FaultRule.Factor"/> times their rate from <c>from</c> to <c>until</c>.</summary>
    CallStorm = 16,

    /// <summary>The PBX restarts at <c>from</c>: every live call of the tenant ends with <see cref="FaultRule.Cause"/> (38 by default).</summary>
    PbxRestart = 17,
}

/// <summary>Which faults are whose, and their names.</summary>
public static class FaultKinds
{
    /// <summary>Whether the call model applies the fault (to calls), rather than a surface (to requests).</summary>
    public static bool IsTelephony(this FaultKind kind) => kind >= FaultKind.TrunkDown;

    /// <summary>Whether the fault is an incident: it acts on the whole tenant at its <c>from</c> and is undone at its <c>until</c>.</summary>
    public static bool IsIncident(this FaultKind kind) => kind >= FaultKind.PhonesUnregister;

    /// <summary>The kind's name as scenarios, the control API, the metrics and the log write it (camel case).</summary>
    public static string NameOf(FaultKind kind) => kind switch
    {
        FaultKind.Latency => "latency",
        FaultKind.VendorError => "vendorError",
        FaultKind.HttpStatus => "httpStatus",
        FaultKind.EmptyResponse => "emptyResponse",
        FaultKind.MalformedBody => "malformedBody",
        FaultKind.ConnectionReset => "connectionReset",
        FaultKind.SlowBody => "slowBody",
        FaultKind.StaleAnswer => "staleAnswer",
        FaultKind.TrunkDown => "trunkDown",
        FaultKind.TrunkLossy => "trunkLossy",
        FaultKind.PhoneNoAnswer => "phoneNoAnswer",
        FaultKind.CallDrop => "callDrop",
        FaultKind.PhonesUnregister => "phonesUnregister",
        FaultKind.MembersUnavailable => "membersUnavailable",
        FaultKind.CallStorm => "callStorm",
        FaultKind.PbxRestart => "pbxRestart",
        _ => kind.ToString(),
    };
}

/// <summary>
/// One transport fault of a tenant: which requests it matches (surface, endpoint, client), when it fires among them
/// (a probability drawn from its seed, every Nth, a window of simulated time; all that are set must hold) and what it
/// does. The k-th matching request of a rule in a process fires or not by the rule's seed and k alone, so the same
/// seed and the same requests give the same faults.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.fault-rule")]
public sealed record class FaultRule
{
    /// <summary>Given by the tenant when the rule is added (<c>f1</c>, <c>f2</c>…); unique within the tenant.</summary>
    [Id(0)] public string Id { get; init; } = "";

    [Id(1)] public FaultKind Kind { get; init; }

    /// <summary>The surface's name (<c>voipsun</c>, <c>issabel</c>…); empty for every surface.</summary>
    [Id(2)] public string Surface { get; init; } = "";

    /// <summary>
    /// The operation, as the surface names it (VoIPSUN's <c>action</c>, Issabel's <c>manager/originate</c>, a path);
    /// case-insensitive, a trailing <c>*</c> matches any rest; empty for every operation.
    /// </summary>
    [Id(3)] public string Endpoint { get; init; } = "";

    /// <summary>The client: its source address or the API user it authenticated as; empty for every client.</summary>
    [Id(4)] public string Client { get; init; } = "";

    /// <summary>The share of matching requests that fire (1 for all).</summary>
    [Id(5)] public double Probability { get; init; } = 1;

    /// <summary>Fires on every Nth matching request only (the Nth, the 2Nth…); 0 for no such limit.</summary>
    [Id(6)] public int EveryNth { get; init; }

    /// <summary>Fires only from this simulated instant on.</summary>
    [Id(7)] public DateTimeOffset? From { get; init; }

    /// <summary>Fires only before this simulated instant.</summary>
    [Id(8)] public DateTimeOffset? Until { get; init; }

    [Id(9)] public int Seed { get; init; } = 1;

    /// <summary>A paused rule matches nothing and keeps its count.</summary>
    [Id(10)] public bool Paused { get; init; }

    /// <summary><see cref="FaultKind.HttpStatus"/>: the status.</summary>
    [Id(11)] public int Status { get; init; }

    /// <summary><see cref="FaultKind.HttpStatus"/>: the <c>Retry-After</c> seconds (429, 503); 0 for no header.</summary>
    [Id(12)] public int RetryAfterSeconds { get; init; }

    /// <summary><see cref="FaultKind.VendorError"/>: the vendor's error code; 0 for the surface's usual one.</summary>
    [Id(13)] public int ErrorCode { get; init; }

    /// <summary><see cref="FaultKind.VendorError"/>: the error's text; empty for the surface's own for the code.</summary>
    [Id(14)] public string ErrorMessage { get; init; } = "";

    /// <summary><see cref="FaultKind.Latency"/>: the delay, in real seconds; <see cref="FaultKind.CallDrop"/>: the talk before the drop, in simulated seconds.</summary>
    [Id(15)] public Distribution? Delay { get; init; }

    /// <summary><see cref="FaultKind.SlowBody"/>: how fast the answer is written.</summary>
    [Id(16)] public int BytesPerSecond { get; init; }

    /// <summary>Set by the tenant on every change of the rule, so a process starts its count again for a changed rule.</summary>
    [Id(17)] public long Version { get; init; }

    /// <summary>
    /// Telephony faults: the numbers they touch, as a number or an Asterisk pattern (<c>_0X.</c>): the outside number
    /// dialled (trunk faults), the ringing extension (<see cref="FaultKind.PhoneNoAnswer"/>), the party that answered
    /// (<see cref="FaultKind.CallDrop"/>); empty for every number.
    /// </summary>
    [Id(18)] public string Numbers { get; init; } = "";

    /// <summary><see cref="FaultKind.CallStorm"/>: how many times its rate a generator places calls during the storm.</summary>
    [Id(21)] public double Factor { get; init; }

    /// <summary><see cref="FaultKind.StaleAnswer"/>: how old (real seconds) an answer may get before it is taken afresh.</summary>
    [Id(20)] public int AgeSeconds { get; init; }

    /// <summary>Telephony faults: the hang-up cause; <see cref="HangupCause.NotDefined"/> for the kind's usual one (congestion on the trunk, network out of order for a drop).</summary>
    [Id(19)] public HangupCause Cause { get; init; }
}
