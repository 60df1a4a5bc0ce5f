using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>
/// A call as its flow sees it: its phase, its legs and, one record per feature, what it knows. Immutable:
/// <see cref="CallFlow"/> returns the next one for each event. Live only, as the call is (a restarted PBX has no calls).
/// </summary>
[GenerateSerializer, Alias("pbx.call-flow.state")]
internal sealed record CallState
{
    [Id(0)] public required string CallId { get; init; }

    /// <summary>False until a request starts the call: an activation that never became a call does not stay around.</summary>
    [Id(1)] public bool Started { get; init; }

    [Id(2)] public CallPhase Phase { get; init; } = CallPhase.Setup;

    /// <summary>Every leg the call opened, oldest first. Legs are only ever added: a leg that hung up stays, for the CDR.</summary>
    [Id(3)] public ImmutableArray<Leg> Legs { get; init; } = [];

    /// <summary>The tenant's settings as the call uses them: its trunk (a call into a context may name its own) and the outside world's rules.</summary>
    [Id(4)] public TenantSettings Settings { get; init; } = NoSettings;

    [Id(5)] public CallFacts Facts { get; init; } = CallFacts.None;

    [Id(6)] public OriginatePlan Plan { get; init; } = OriginatePlan.None;

    /// <summary>The caller of an inbound call, when it came with a patience.</summary>
    [Id(7)] public InboundCaller? Inbound { get; init; }

    /// <summary>The queue the call was sent to (kept once it left, for the CDR).</summary>
    [Id(8)] public QueueSeat? Queue { get; init; }

    /// <summary>The ring group the call rings, wave by wave.</summary>
    [Id(9)] public RingGroupWaves? Waves { get; init; }

    /// <summary>The leg waiting in a parking slot; set exactly while the call is <see cref="CallPhase.Parked"/>.</summary>
    [Id(10)] public ParkedLeg? Parked { get; init; }

    private static readonly TenantSettings NoSettings = new();

    public static CallState New(string callId) => new() { CallId = callId };

    /// <summary>The live caller: the party the call is for.</summary>
    public Leg? Caller
    {
        get
        {
            foreach (var leg in Legs)
            {
                if (leg.Live && leg.Role == LegRole.Caller)
                {
                    return leg;
                }
            }

            return null;
        }
    }

    public Leg? Find(string channel)
    {
        foreach (var leg in Legs)
        {
            if (leg.Name == channel)
            {
                return leg;
            }
        }

        return null;
    }

    public bool HasLive(LegRole role)
    {
        foreach (var leg in Legs)
        {
            if (leg.Live && leg.Role == role)
            {
                return true;
            }
        }

        return false;
    }

    public CallSnapshot Snapshot(long version) => new()
    {
        CallId = CallId,
        Phase = Phase,
        Legs = [.. Legs.Where(l => l.Live).Select(l => l.Channel)],
        Source = Facts.Source,
        Destination = Facts.Destination,
        Started = Facts.Started,
        Answered = Facts.Answered,
        AccountCode = Facts.AccountCode,
        CustomFields = Facts.CustomFields,
        Queue = Queue?.Name,
        Version = version,
        IsOriginate = Plan.IsOriginate,
    };
}

/// <summary>What the call's CDR will say, gathered as the call goes.</summary>
[GenerateSerializer, Alias("pbx.call-flow.facts")]
internal sealed record CallFacts
{
    public static readonly CallFacts None = new();

    /// <summary>The caller: the source extension or the outside number.</summary>
    [Id(0)] public string Source { get; init; } = "";

    [Id(1)] public string CallerIdName { get; init; } = "";

    /// <summary>The number dialled; once routed, the number the destination goes by.</summary>
    [Id(2)] public string Destination { get; init; } = "";

    [Id(3)] public string AccountCode { get; init; } = "";

    [Id(4)] public ImmutableDictionary<string, string> CustomFields { get; init; } = ImmutableDictionary<string, string>.Empty;

    [Id(5)] public DateTimeOffset Started { get; init; }

    [Id(6)] public DateTimeOffset? Answered { get; init; }

    /// <summary>The leg that answered first: the CDR's destination channel.</summary>
    [Id(7)] public string? AnsweredLeg { get; init; }

    [Id(8)] public string LastApplication { get; init; } = "Dial";

    /// <summary>The cause the call ended with (the first one given).</summary>
    [Id(9)] public HangupCause? EndCause { get; init; }

    /// <summary>The recording the originate asked for or a command turned on; else the legs' own.</summary>
    [Id(10)] public string? RecordingFile { get; init; }
}

/// <summary>
/// How the call reaches its destination, fixed when it starts: where an originate goes once its source answers, how
/// long the destination rings, the identity it is shown, and the contexts of a call placed into one.
/// </summary>
[GenerateSerializer, Alias("pbx.call-flow.plan")]
internal sealed record OriginatePlan
{
    public static readonly OriginatePlan None = new();

    /// <summary>The call was placed by the PBX (an originate or a call into a context), not dialled by a party.</summary>
    [Id(0)] public bool IsOriginate { get; init; }

    /// <summary>Where an originate goes once its source answers.</summary>
    [Id(1)] public Destination? Destination { get; init; }

    [Id(2)] public int? RingTimeoutSeconds { get; init; }

    /// <summary>The identity the destination sees; by default the caller's own.</summary>
    [Id(3)] public string? CallerIdNumber { get; init; }

    [Id(4)] public string? CallerIdName { get; init; }

    /// <summary>The context a call into a context goes to once the dialled number answers.</summary>
    [Id(5)] public string? AnswerContext { get; init; }

    /// <summary>The context a call into a context ends in when the number never answered.</summary>
    [Id(6)] public string? HangupContext { get; init; }
}

/// <summary>An inbound caller's own behaviour: it hangs up after waiting this long in a queue.</summary>
[GenerateSerializer, Alias("pbx.call-flow.inbound-caller")]
internal sealed record InboundCaller([property: Id(0)] double PatienceSeconds);

/// <summary>The call's place in a queue: waiting (from the queue's answer to the join), or connected to a member.</summary>
[GenerateSerializer, Alias("pbx.call-flow.queue-seat")]
internal sealed record QueueSeat([property: Id(0)] string Name)
{
    [Id(1)] public bool Waiting { get; init; }

    [Id(2)] public bool Connected { get; init; }

    /// <summary>The caller's position when it joined (the queue's answer).</summary>
    [Id(3)] public int? Position { get; init; }
}

/// <summary>A ring group rung wave after wave, each wave for the group's ring time (see <see cref="StateMachines.RingGroupPlanner"/>).</summary>
[GenerateSerializer, Alias("pbx.call-flow.ring-group-waves")]
internal sealed record RingGroupWaves(
    [property: Id(0)] ImmutableArray<ImmutableArray<string>> Waves,
    [property: Id(1)] int Seconds)
{
    /// <summary>The wave that rings; -1 before the first.</summary>
    [Id(2)] public int Index { get; init; } = -1;

    /// <summary>The members of a wave are being rung: a member that refuses at once must not end the wave.</summary>
    [Id(3)] public bool SettingUp { get; init; }

    [Id(4)] public bool TimerPending { get; init; }

    public bool HasNext => Index + 1 < Waves.Length;
}

/// <summary>The leg waiting in a parking slot, who parked it, and when it rings back.</summary>
[GenerateSerializer, Alias("pbx.call-flow.parked-leg")]
internal sealed record ParkedLeg(
    [property: Id(0)] string Lot,
    [property: Id(1)] int Slot,
    [property: Id(2)] string Channel,
    [property: Id(3)] string ParkedBy,
    [property: Id(4)] int TimeoutSeconds)
{
    [Id(5)] public bool TimerPending { get; init; }
}
