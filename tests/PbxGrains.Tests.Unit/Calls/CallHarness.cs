using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Calls.Flow;

namespace PbxGrains.Tests.Unit.Calls;

/// <summary>
/// Drives <see cref="CallFlow"/> the way its grain does, with no cluster: it feeds an event, carries out the effects
/// in order and answers each ask at once from a small made-up tenant (extensions, numbers, a queue, ring groups, a
/// parking lot), feeding the answer back before the next effect. It keeps the timers the flow has running, so a test
/// fires only a timer that is due to fire, as the grain's clock would.
/// </summary>
internal sealed class CallHarness
{
    public const string CallId = "1741942800.1";

    private readonly Random _random = new(7);
    private long _sequence = 0x100;

    public CallHarness(params ExtensionConfig[] extensions)
    {
        foreach (var extension in extensions)
        {
            Add(extension);
        }
    }

    public CallState Call { get; private set; } = CallState.New(CallId);

    public DateTimeOffset Now { get; set; } = Channels.T0;

    public TenantSettings Settings { get; set; } = new() { Trunk = "upc" };

    public Dictionary<string, ExtensionView> Extensions { get; } = new(StringComparer.Ordinal);

    /// <summary>What numbers reach: every extension by its number, plus what a test adds.</summary>
    public Dictionary<string, Destination> Numbers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RingGroupConfig> RingGroups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ParkingLotConfig> Lots { get; } = new(StringComparer.Ordinal) { ["default"] = new ParkingLotConfig { TimeoutSeconds = 45 } };

    /// <summary>The queue's answer to a caller joining.</summary>
    public Func<QueueEntry, PbxResult<int>> QueueAnswer { get; set; } = _ => PbxResult<int>.Success(1);

    /// <summary>The lot's answer to a leg being parked.</summary>
    public Func<ParkedCallView, PbxResult<int>> LotAnswer { get; set; } = _ => PbxResult<int>.Success(701);

    /// <summary>Every effect the last event led to, asks and their own effects included, in the order they were carried out.</summary>
    public List<CallEffect> Effects { get; } = [];

    /// <summary>The timers running now: a leg's, or the call's own (empty leg).</summary>
    public List<(TimerKind Kind, string Leg)> Timers { get; } = [];

    public CallReply? LastReply { get; private set; }

    public static ExtensionConfig Phone(string number, PhoneMode mode = PhoneMode.Manual) => new()
    {
        Number = number,
        Name = $"User {number}",
        Phone = PhoneBehaviour.ManualPhone with { Mode = mode, AnswerDelay = Distribution.Constant(2) },
    };

    public void Add(ExtensionConfig extension, bool registered = true, DeviceState state = DeviceState.NotInUse)
    {
        Extensions[extension.Number] = new ExtensionView
        {
            Config = extension,
            Exists = true,
            DeviceState = registered ? state : DeviceState.Unavailable,
            Registration = registered ? new Registration("10.0.0.1", 5060, "test", $"sip:{extension.Number}@10.0.0.1", Channels.T0) : null,
        };
        Numbers[extension.Number] = new Destination(DestinationKind.Extension, extension.Number, extension.Number);
    }

    public ExtensionView View(string number) =>
        Extensions.GetValueOrDefault(number) ?? new ExtensionView { Config = new ExtensionConfig { Number = number }, Exists = false };

    public Destination Resolve(string number) =>
        Numbers.GetValueOrDefault(number) ?? new Destination(DestinationKind.Unknown, number, number);

    /// <summary>Feeds one event as the grain does; the reply the event (or what it led to) gave.</summary>
    public CallReply? Run(CallInput input)
    {
        Effects.Clear();
        LastReply = Feed(input);
        return LastReply;
    }

    /// <summary>Fires a running timer; a test may only fire one the flow started and did not cancel.</summary>
    public CallReply? Fire(TimerKind kind, string leg = "")
    {
        Assert.True(Timers.Remove((kind, leg)), $"no {kind} timer runs for '{leg}'; running: {string.Join(", ", Timers)}");
        return Run(new CallInput.TimerFired(kind, leg));
    }

    public CallReply? Originate(string source, string destination, OriginateRequest? request = null) =>
        Run(new CallInput.Originate(
            (request ?? new OriginateRequest { SourceExtension = source, Destination = destination }) with { SourceExtension = source, Destination = destination },
            Settings, View(source), Resolve(destination)));

    public CallReply? Dial(string phone, string destination, int? talkSeconds = null) =>
        Run(new CallInput.Dial(new DialRequest { FromExtension = phone, Destination = destination, TalkSeconds = talkSeconds }, Settings, View(phone), Resolve(destination)));

    public CallReply? Inbound(string destination, double? patience = null, string trunk = "upc") =>
        Run(new CallInput.Inbound(new InboundCallRequest { CallerIdNumber = "0612345678", Destination = destination, PatienceSeconds = patience, Trunk = trunk }, Settings, Resolve(destination)));

    public CallReply? Answer(Leg leg) => Run(new CallInput.Answer(leg.Name));

    public CallReply? Hangup(Leg leg, HangupCause cause = HangupCause.NormalClearing) => Run(new CallInput.Hangup(leg.Name, cause));

    /// <summary>The call's leg of the extension (or trunk) <paramref name="endpoint"/>, the newest first.</summary>
    public Leg LegOf(string endpoint) => Call.Legs.Last(l => l.Channel.Endpoint == endpoint);

    public Leg Caller => Call.Caller ?? throw new InvalidOperationException("the call has no live caller");

    public CdrRecord Cdr => Assert.Single(Effects.OfType<CallEffect.WriteCdr>()).Cdr;

    public IEnumerable<Type> EffectKinds => Effects.Select(e => e.GetType());

    private CallReply? Feed(CallInput input)
    {
        var step = CallFlow.Handle(Call, input, Now, _random);
        Call = step.Call;
        var reply = step.Reply;
        for (var i = 0; i < step.Effects.Count; i++)
        {
            Effects.Add(step.Effects[i]);
            reply = CarryOut(step.Effects[i]) ?? reply;
        }

        return reply;
    }

    private CallReply? CarryOut(CallEffect effect)
    {
        switch (effect)
        {
            case CallEffect.StartTimer timer:
                Timers.Add((timer.Kind, timer.Leg));
                return null;
            case CallEffect.CancelTimers cancel:
                Timers.RemoveAll(t => t.Leg == cancel.Leg);
                return null;
            case CallEffect.CancelCallTimer cancel:
                Timers.RemoveAll(t => t.Kind == cancel.Kind && t.Leg.Length == 0);
                return null;
            case CallEffect.StopTimers:
                Timers.Clear();
                return null;
            case CallEffect.OpenLeg { Order: var order }:
                var extension = order.OnTrunk ? null : order.Known ?? View(order.Number);
                return Feed(extension is { Exists: false }
                    ? new CallInput.ExtensionMissing(order)
                    : new CallInput.LegOpened(order, extension, _sequence++));
            case CallEffect.Resolve resolve:
                return Feed(new CallInput.Resolved(resolve.Channel, resolve.Number, Resolve(resolve.Number)));
            case CallEffect.JoinQueue join:
                return Feed(new CallInput.QueueJoined(QueueAnswer(join.Entry)));
            case CallEffect.LoadRingGroup load:
                var group = RingGroups.GetValueOrDefault(load.Number);
                var members = group?.Members.Where(Extensions.ContainsKey).Distinct().ToImmutableDictionary(m => m, m => Extensions[m])
                    ?? ImmutableDictionary<string, ExtensionView>.Empty;
                return Feed(new CallInput.RingGroupLoaded(group, members));
            case CallEffect.FindParkingLot find:
                // A lot nobody configured answers with no slots, as the parking lot grain does.
                return Feed(new CallInput.ParkingLotFound(find.Channel, find.Lot, Lots.GetValueOrDefault(find.Lot) ?? new ParkingLotConfig { SlotCount = 0 }));
            case CallEffect.TakeParkingSlot take:
                return Feed(new CallInput.SlotTaken(take.Order, LotAnswer(take.Order.View)));
            case CallEffect.Then then:
                return Feed(then.Next);
            default:
                return null;
        }
    }
}
