using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>Opening legs, ringing them as their phone or the outside world would answer, and their talk time.</summary>
internal sealed partial class CallFlow
{
    /// <summary>The far end of an outside number answers after a few seconds unless a rule of the tenant says otherwise.</summary>
    private static readonly ExternalRule DefaultOutsideRule = new() { Pattern = "_X.", Outcome = ExternalOutcome.Answer, Delay = Distribution.Constant(3) };

    private const int DefaultOutsideRingSeconds = 60;

    private void OnLegOpened(CallInput.LegOpened opened)
    {
        var sequence = opened.Sequence;
        switch (opened.Order)
        {
            case SourceLeg source:
                OpenSource(source, sequence);
                break;
            case PhoneLeg phone:
                OpenPhone(phone, sequence);
                break;
            case TrunkCallerLeg trunk:
                OpenTrunkCaller(trunk, sequence);
                break;
            case OutsideLeg outside:
                DialOutside(outside, sequence);
                break;
            case DestinationLeg destination:
                RingForCaller(destination, opened.Extension!, sequence, LegRole.Callee, destination.RingTimeoutSeconds, destination.Exten);
                break;
            case WaveMemberLeg member:
                RingForCaller(member, opened.Extension!, sequence, LegRole.Callee, member.RingTimeoutSeconds, member.Exten);
                break;
            case QueueMemberLeg member:
                RingForCaller(member, opened.Extension!, sequence, LegRole.QueueMember, member.Offer.RingTimeoutSeconds, member.Exten, member.Offer);
                break;
            case SpyLeg spy:
                OpenSpy(spy.Request, opened.Extension!, sequence);
                break;
            case JoinerLeg joiner:
                PickUpParked(joiner, opened.Extension!, sequence);
                break;
        }
    }

    private void OnExtensionMissing(LegOrder order)
    {
        switch (order)
        {
            case DestinationLeg:
                End(HangupCause.UnallocatedNumber);
                break;
            case WaveMemberLeg member:
                // Members that are not extensions of the tenant are outside numbers (FreePBX writes them "0123#").
                Ask(new CallEffect.OpenLeg(new OutsideLeg(member.Number.TrimEnd('#'), LegRole.Callee, member.RingTimeoutSeconds)));
                break;
            case QueueMemberLeg member:
                TellQueue(new CallEffect.TellOfferResult(member.Offer.Queue, member.Offer.OfferId, false, null, _now));
                break;
            case SpyLeg spy:
                _reply = CallReply.Refused(DomainError.ExtensionNotFound, $"extension {spy.Number} does not exist");
                break;
            case JoinerLeg { RingBack: false } joiner:
                _reply = CallReply.Refused(DomainError.ExtensionNotFound, $"extension {joiner.Number} does not exist");
                break;
        }
    }

    private Leg NewExtensionLeg(ExtensionConfig extension, LegRole role, ChannelState state, string? uniqueId, long sequence,
        string callerIdNumber, string callerIdName, string exten, string context)
    {
        var channel = new ChannelSnapshot
        {
            Name = UniqueId.ChannelName(extension.Tech, extension.Peer, sequence),
            UniqueId = uniqueId ?? UniqueId.Format(_now, sequence),
            CallId = _call.CallId,
            State = state,
            Version = 1,
            CallerIdNumber = callerIdNumber,
            CallerIdName = callerIdName,
            AccountCode = extension.AccountCode ?? _call.Facts.AccountCode,
            Context = context,
            Exten = exten,
            Created = _now,
            EndpointKind = EndpointKind.Extension,
            Endpoint = extension.Number,
            Tech = extension.Tech,
            Application = state == ChannelState.Ringing ? "AppDial" : "Dial",
            Recording = extension.RecordCalls,
            RecordingFile = extension.RecordCalls ? $"{_call.CallId}-{extension.Number}.wav" : null,
        };
        return new Leg(channel, role, extension.Number, extension.CallerIdName);
    }

    /// <summary>Rings a destination extension on behalf of the caller, showing the caller's identity.</summary>
    private void RingForCaller(LegOrder order, ExtensionView extension, long sequence, LegRole role, int? ringTimeoutSeconds, string exten,
        QueueOffer? offer = null)
    {
        var caller = _call.Caller;
        var leg = NewExtensionLeg(extension.Config, role, ChannelState.Ringing, null, sequence,
            _call.Plan.CallerIdNumber ?? caller?.Channel.CallerIdNumber ?? _call.Facts.Source,
            _call.Plan.CallerIdName ?? caller?.Channel.CallerIdName ?? _call.Facts.CallerIdName,
            exten, extension.Config.Dialplan);
        if (caller is not null)
        {
            ShowConnectedLine(caller, order.Number, extension.Config.CallerIdName);
        }

        AddRinging(offer is null ? leg : leg with { Offer = offer }, extension, ringTimeoutSeconds);
    }

    /// <summary>
    /// Adds a new extension leg and rings it the way its phone behaves: unregistered, busy and do-not-disturb phones
    /// refuse at once; the others ring until they answer, decline or the ring timer runs out.
    /// </summary>
    private void AddRinging(Leg leg, ExtensionView extension, int? ringTimeoutSeconds)
    {
        var phone = extension.Config.Phone;
        leg = Add(leg with { Phone = phone });
        if (!extension.Registered)
        {
            EndLeg(leg, HangupCause.SubscriberAbsent);
            return;
        }

        if (phone.Mode is PhoneMode.Busy or PhoneMode.DoNotDisturb)
        {
            EndLeg(Set(leg with { Channel = ChannelMachine.Busy(leg.Channel).Value! }), HangupCause.UserBusy);
            return;
        }

        // A phone that has stopped answering (a telephony fault) neither answers nor declines: it rings until the ring
        // timer runs out.
        var silenced = FiringFault(FaultKind.PhoneNoAnswer, extension.Config.Number) is not null;
        if (!silenced && phone.Mode == PhoneMode.AutoAnswer && Sampler.Chance(phone.AnswerProbability, _random))
        {
            StartTimer(leg, TimerKind.PhoneAnswers, Sampler.Draw(phone.AnswerDelay, _random));
        }
        else if (!silenced && phone.Mode == PhoneMode.Reject)
        {
            StartTimer(leg, TimerKind.PhoneRejects, Sampler.Draw(phone.AnswerDelay, _random));
        }

        StartTimer(leg, TimerKind.RingTimeout, TimeSpan.FromSeconds(ringTimeoutSeconds ?? extension.Config.RingTimerSeconds));
    }

    /// <summary>Dials an outside number on the trunk; the first matching outside-world rule decides what the far end does.</summary>
    private void DialOutside(OutsideLeg order, long sequence)
    {
        var (number, caller) = (order.Number, _call.Caller);
        var channel = NewTrunkChannel(number, caller, sequence);
        if (caller is not null)
        {
            ShowConnectedLine(caller, number, "");
        }

        var rule = MagicNumbers.Find(number)
            ?? _call.Settings.OutsideWorld.FirstOrDefault(r => AsteriskPattern.Matches(r.Pattern, number))
            ?? DefaultOutsideRule;
        var leg = Add(new Leg(channel, order.Role, number, "") { TalkTime = rule.TalkTime });
        if (TrunkRefuses(number) is { } refused)
        {
            // The trunk fails the call before the far end is asked.
            leg = EndLegByFault(leg, refused, TimeSpan.Zero);
        }
        else
        {
            Reach(leg, rule);
        }

        StartTimer(leg, TimerKind.RingTimeout, TimeSpan.FromSeconds(order.RingTimeoutSeconds ?? DefaultOutsideRingSeconds));
        if (order.IntoContext is { } request)
        {
            // The number a call into a context dials is its caller: it carries the request's variables and recording.
            Set(leg with
            {
                Channel = leg.Channel with
                {
                    Variables = request.Variables,
                    Recording = request.RecordingFile is not null,
                    RecordingFile = request.RecordingFile,
                },
            });
        }
    }

    /// <summary>The far end of an outside leg does what its outside-world rule says.</summary>
    private void Reach(Leg leg, ExternalRule rule)
    {
        var delay = Sampler.Draw(rule.Delay, _random);
        switch (rule.Outcome)
        {
            case ExternalOutcome.Answer when Sampler.Chance(rule.AnswerProbability, _random):
                StartTimer(leg, TimerKind.PhoneAnswers, delay);
                break;
            case ExternalOutcome.Busy:
                StartTimer(leg, TimerKind.RemoteBusy, delay);
                break;
            case ExternalOutcome.Congestion:
                StartTimer(leg, TimerKind.RemoteCongestion, delay);
                break;
        }
    }

    /// <summary>A leg on the tenant's trunk to an outside number, showing the identity the destination is to see.</summary>
    private ChannelSnapshot NewTrunkChannel(string number, Leg? caller, long sequence) => new()
    {
        Name = UniqueId.ChannelName("SIP", _call.Settings.Trunk, sequence),
        UniqueId = UniqueId.Format(_now, sequence),
        CallId = _call.CallId,
        State = ChannelState.Ringing,
        Version = 1,
        CallerIdNumber = _call.Plan.CallerIdNumber ?? caller?.Channel.CallerIdNumber ?? _call.Facts.Source,
        CallerIdName = _call.Plan.CallerIdName ?? caller?.Channel.CallerIdName ?? _call.Facts.CallerIdName,
        AccountCode = _call.Facts.AccountCode,
        Context = caller?.Channel.Context ?? "default",
        Exten = number,
        Created = _now,
        EndpointKind = EndpointKind.Trunk,
        Endpoint = _call.Settings.Trunk,
        Tech = "SIP",
        Application = "AppDial",
    };

    /// <summary>The caller sees who it is ringing.</summary>
    private void ShowConnectedLine(Leg caller, string number, string name) =>
        Set(caller with { Channel = ChannelMachine.Describe(caller.Channel, c => c with { ConnectedLineNumber = number, ConnectedLineName = name }).Value ?? caller.Channel });

    /// <summary>Starts the talk timer of a freshly connected leg: the far end or the phone may hang up by itself.</summary>
    private void StartTalking(Leg leg)
    {
        if ((leg.TalkTime ?? leg.Phone?.TalkTime) is { } talk)
        {
            StartTimer(leg, TimerKind.TalkEnds, Sampler.Draw(talk, _random));
        }
    }
}
