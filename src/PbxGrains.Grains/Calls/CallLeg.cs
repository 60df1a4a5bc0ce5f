using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Calls;

/// <summary>What a leg is for within its call.</summary>
internal enum LegRole
{
    /// <summary>The party the call is for: the originate's source, the dialling phone, the inbound caller, the parked leg.</summary>
    Caller,

    /// <summary>A dialled destination (an extension, a ring group member, an outside number).</summary>
    Callee,
    QueueMember,

    /// <summary>An extension picking up a parked call.</summary>
    Joiner,
    Spy,
}

internal enum TimerKind
{
    RingTimeout,
    PhoneAnswers,
    PhoneRejects,
    RemoteBusy,
    RemoteCongestion,
    TalkEnds,
    CallerGivesUp,
    WaveEnds,
    ParkTimeout,
}

/// <summary>One leg as its call holds it: the current picture plus what the call needs to drive it.</summary>
internal sealed class CallLeg(ChannelSnapshot channel, LegRole role)
{
    public ChannelSnapshot Channel { get; set; } = channel;

    public LegRole Role { get; set; } = role;

    public string Name => Channel.Name;

    public bool Live => !Channel.IsHungUp;

    public bool Principal => Role != LegRole.Spy;

    public bool IsRinging => Live && Channel.State == ChannelState.Ringing;

    /// <summary>
    /// Who this leg is to the other side (its connected line once bridged): the extension or the outside party. Not
    /// the leg's caller id, which on a called leg is the caller's identity, shown on the ringing phone.
    /// </summary>
    public string PartyNumber { get; set; } = channel.CallerIdNumber;

    public string PartyName { get; set; } = channel.CallerIdName;

    /// <summary>The leg as its peer links to it: its name, with its party as the identity.</summary>
    public ChannelSnapshot AsParty() => Channel with { CallerIdNumber = PartyNumber, CallerIdName = PartyName };

    /// <summary>How the phone behind an extension leg behaves.</summary>
    public PhoneBehaviour? Phone { get; set; }

    /// <summary>When the far end of this leg hangs up by itself after answering.</summary>
    public Distribution? TalkTime { get; set; }

    public QueueOffer? Offer { get; set; }

    public string? SpyTarget { get; set; }

    public SpyMode SpyMode { get; set; }

    public List<long> Timers { get; } = [];

    /// <summary>The last version sent to readers, and the state it had (null once reported as gone), for metrics.</summary>
    public long PublishedVersion { get; set; }

    public ChannelState? PublishedState { get; set; }

    /// <summary>The recording file last handed to the tenant's recording store (null while none was).</summary>
    public string? StoredRecording { get; set; }
}
