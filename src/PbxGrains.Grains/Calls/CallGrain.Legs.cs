using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls;

/// <summary>Creating legs, ringing them as their phone or the outside world would answer, and their timers.</summary>
public sealed partial class CallGrain
{
    /// <summary>The far end of an outside number answers after a few seconds unless a rule of the tenant says otherwise.</summary>
    private static readonly ExternalRule DefaultOutsideRule = new() { Pattern = "_X.", Outcome = ExternalOutcome.Answer, Delay = Distribution.Constant(3) };

    private const int DefaultOutsideRingSeconds = 60;

    private async Task<CallLeg> NewLegAsync(ExtensionConfig extension, LegRole role, ChannelState state, string? uniqueId,
        string callerIdNumber, string callerIdName, string exten, string context)
    {
        var sequence = await sequences.NextAsync(_tenant);
        return AddLeg(new ChannelSnapshot
        {
            Name = UniqueId.ChannelName(extension.Tech, extension.Peer, sequence),
            UniqueId = uniqueId ?? UniqueId.Format(clock.Now, sequence),
            CallId = _callId,
            State = state,
            Version = 1,
            CallerIdNumber = callerIdNumber,
            CallerIdName = callerIdName,
            AccountCode = extension.AccountCode ?? _accountCode,
            Context = context,
            Exten = exten,
            Created = clock.Now,
            EndpointKind = EndpointKind.Extension,
            Endpoint = extension.Number,
            Tech = extension.Tech,
            Application = state == ChannelState.Ringing ? "AppDial" : "Dial",
            Recording = extension.RecordCalls,
            RecordingFile = extension.RecordCalls ? $"{_callId}-{extension.Number}.wav" : null,
        }, role, extension.Number, extension.CallerIdName);
    }

    private CallLeg AddLeg(ChannelSnapshot channel, LegRole role, string partyNumber, string partyName)
    {
        var leg = new CallLeg(channel, role) { PartyNumber = partyNumber, PartyName = partyName };
        _legs.Add(leg);
        return leg;
    }

    /// <summary>
    /// Rings an extension leg the way its phone behaves: unregistered, busy and do-not-disturb phones refuse at once;
    /// the others ring until they answer, decline or the ring timer runs out.
    /// </summary>
    private async Task RingExtensionAsync(CallLeg leg, ExtensionView extension, int? ringTimeoutSeconds)
    {
        var phone = extension.Config.Phone;
        leg.Phone = phone;
        if (!extension.Registered)
        {
            await EndLegAsync(leg, HangupCause.SubscriberAbsent);
            return;
        }

        if (phone.Mode is PhoneMode.Busy or PhoneMode.DoNotDisturb)
        {
            leg.Channel = ChannelMachine.Busy(leg.Channel).Value!;
            await EndLegAsync(leg, HangupCause.UserBusy);
            return;
        }

        if (phone.Mode == PhoneMode.AutoAnswer && Sampler.Chance(phone.AnswerProbability, _random))
        {
            Schedule(leg, TimerKind.PhoneAnswers, Sampler.Draw(phone.AnswerDelay, _random));
        }
        else if (phone.Mode == PhoneMode.Reject)
        {
            Schedule(leg, TimerKind.PhoneRejects, Sampler.Draw(phone.AnswerDelay, _random));
        }

        Schedule(leg, TimerKind.RingTimeout, TimeSpan.FromSeconds(ringTimeoutSeconds ?? extension.Config.RingTimerSeconds));
    }

    /// <summary>Dials an outside number on the trunk; the first matching outside-world rule decides what the far end does.</summary>
    private async Task<CallLeg> DialOutsideAsync(string number, LegRole role, int? ringTimeoutSeconds)
    {
        var caller = CallerLeg;
        var sequence = await sequences.NextAsync(_tenant);
        var leg = AddLeg(new ChannelSnapshot
        {
            Name = UniqueId.ChannelName("SIP", _settings.Trunk, sequence),
            UniqueId = UniqueId.Format(clock.Now, sequence),
            CallId = _callId,
            State = ChannelState.Ringing,
            Version = 1,
            CallerIdNumber = _destinationCallerIdNumber ?? caller?.Channel.CallerIdNumber ?? _source,
            CallerIdName = _destinationCallerIdName ?? caller?.Channel.CallerIdName ?? _callerIdName,
            AccountCode = _accountCode,
            Context = caller?.Channel.Context ?? "default",
            Exten = number,
            Created = clock.Now,
            EndpointKind = EndpointKind.Trunk,
            Endpoint = _settings.Trunk,
            Tech = "SIP",
            Application = "AppDial",
        }, role, number, "");
        if (caller is not null)
        {
            caller.Channel = ChannelMachine.Describe(caller.Channel, c => c with { ConnectedLineNumber = number, ConnectedLineName = "" }).Value ?? caller.Channel;
        }

        var rule = MagicNumbers.Find(number)
            ?? _settings.OutsideWorld.FirstOrDefault(r => AsteriskPattern.Matches(r.Pattern, number))
            ?? DefaultOutsideRule;
        leg.TalkTime = rule.TalkTime;
        var delay = Sampler.Draw(rule.Delay, _random);
        switch (rule.Outcome)
        {
            case ExternalOutcome.Answer when Sampler.Chance(rule.AnswerProbability, _random):
                Schedule(leg, TimerKind.PhoneAnswers, delay);
                break;
            case ExternalOutcome.Busy:
                Schedule(leg, TimerKind.RemoteBusy, delay);
                break;
            case ExternalOutcome.Congestion:
                Schedule(leg, TimerKind.RemoteCongestion, delay);
                break;
        }

        Schedule(leg, TimerKind.RingTimeout, TimeSpan.FromSeconds(ringTimeoutSeconds ?? DefaultOutsideRingSeconds));
        return leg;
    }

    /// <summary>Rings a destination extension on behalf of the caller, showing the caller's identity.</summary>
    private async Task<CallLeg?> RingExtensionForCallerAsync(string number, LegRole role, int? ringTimeoutSeconds, string exten)
    {
        var extension = await Extension(number).GetAsync();
        if (!extension.Exists)
        {
            return null;
        }

        var caller = CallerLeg;
        var leg = await NewLegAsync(extension.Config, role, ChannelState.Ringing, null,
            _destinationCallerIdNumber ?? caller?.Channel.CallerIdNumber ?? _source,
            _destinationCallerIdName ?? caller?.Channel.CallerIdName ?? _callerIdName,
            exten, extension.Config.Dialplan);
        if (caller is not null)
        {
            caller.Channel = ChannelMachine.Describe(caller.Channel, c => c with { ConnectedLineNumber = number, ConnectedLineName = extension.Config.CallerIdName }).Value ?? caller.Channel;
        }

        await RingExtensionAsync(leg, extension, ringTimeoutSeconds);
        return leg;
    }

    private void Schedule(CallLeg leg, TimerKind kind, TimeSpan delay)
    {
        var id = _timers.Schedule(delay);
        _timerKinds[id] = (kind, leg.Name);
        leg.Timers.Add(id);
    }

    private long ScheduleCallTimer(TimerKind kind, TimeSpan delay)
    {
        var id = _timers.Schedule(delay);
        _timerKinds[id] = (kind, "");
        return id;
    }

    private void CancelTimers(CallLeg leg)
    {
        foreach (var id in leg.Timers)
        {
            _timers.Cancel(id);
            _timerKinds.Remove(id);
        }

        leg.Timers.Clear();
    }

    private void CancelCallTimer(ref long? id)
    {
        if (id is { } value)
        {
            _timers.Cancel(value);
            _timerKinds.Remove(value);
        }

        id = null;
    }

    /// <summary>
    /// Hangs the leg up without consequences for the rest of the call (the caller of this decides them), except its
    /// spies: a spy has nothing to listen to once its target is gone, however the target left.
    /// </summary>
    private void DropLeg(CallLeg leg, HangupCause cause)
    {
        CancelTimers(leg);
        if (leg.Live)
        {
            leg.Channel = ChannelMachine.Hangup(leg.Channel, cause).Value!;
        }

        foreach (var spy in _legs.Where(l => l.Live && l.Role == LegRole.Spy && l.SpyTarget == leg.Name))
        {
            DropLeg(spy, HangupCause.NormalClearing);
        }
    }

    /// <summary>Hangs the leg up and lets the call react.</summary>
    private async Task EndLegAsync(CallLeg leg, HangupCause cause)
    {
        if (!leg.Live)
        {
            return;
        }

        DropLeg(leg, cause);
        await OnLegEndedAsync(leg, cause);
    }

    /// <summary>Starts the talk timers of a freshly connected leg: the far end or the phone may hang up by itself.</summary>
    private void StartTalking(CallLeg leg)
    {
        var talk = leg.TalkTime ?? leg.Phone?.TalkTime;
        if (talk is not null)
        {
            Schedule(leg, TimerKind.TalkEnds, Sampler.Draw(talk, _random));
        }
    }
}
