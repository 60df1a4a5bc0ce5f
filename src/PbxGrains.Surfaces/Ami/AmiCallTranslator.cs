using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// Turns one tenant's call events into manager events with Asterisk 12+ names, fields and order: Newchannel before
/// DialBegin, DialEnd before BridgeEnter, Hangup last and the Cdr after the call's last Hangup. The call model's events
/// say what became of each leg; what Asterisk's events say besides (who dialled whom, the bridge a leg entered, which
/// fields changed) is kept here per live call and forgotten with the call. Not thread-safe: its owner serialises it.
/// </summary>
public sealed partial class AmiCallTranslator
{
    /// <summary>Calls remembered at most: a feed that lost a call's last event must not make this grow without bound.</summary>
    public const int MaxCalls = 200_000;

    /// <summary>Asterisk's default <c>parkingtime</c>: the call model's event does not carry the lot's own timeout.</summary>
    private const int DefaultParkingTimeout = 45;

    private readonly Dictionary<string, CallTrack> _calls = new(StringComparer.Ordinal);

    public int LiveCalls => _calls.Count;

    /// <summary>Appends the manager events for <paramref name="e"/> to <paramref name="output"/>, in Asterisk's order.</summary>
    public void Translate(CallEvent e, List<AmiEvent> output)
    {
        if (e is { Kind: CallEventKind.DeviceStateChanged, DeviceState: { } device })
        {
            DeviceChanged(e, device, output);
            return;
        }

        if (e is { Kind: CallEventKind.QueueMemberChanged, QueueMember: { } member, MemberChange: { } change })
        {
            output.Add(AmiQueueFields.MemberEvent(e.Queue ?? "", member, change));
            return;
        }

        if (e.Channel is not { } c)
        {
            return;
        }

        var call = CallOf(c.CallId);
        var known = call.Legs.TryGetValue(c.Name, out var leg);
        if (!known)
        {
            leg = new LegTrack(c, e.Originating || (e.Kind != CallEventKind.ChannelCreated && call.Legs.Count == 0), e.At);
            call.Legs[c.Name] = leg;
            if (e.Kind == CallEventKind.ChannelCreated)
            {
                Created(call, leg!, c, output);
                return;
            }

            // The feed does not promise a call's deliveries in order (a first message to a hub may be overtaken), or
            // this stream joined mid-call: a client still gets every channel's Newchannel before its other events.
            output.Add(AmiEvent.Of("Newchannel", AmiPermission.Call, p => p.AddChannel(c)));
        }
        else if (e.Kind == CallEventKind.ChannelCreated)
        {
            // Its Newchannel went out when the leg was first seen; this creation was overtaken on its way.
            return;
        }

        Changes(leg!, c, output);
        switch (e.Kind)
        {
            case CallEventKind.Updated:
                // Changes has said it all.
                break;
            case CallEventKind.Answered:
                Answered(call, leg!, c, output);
                break;
            case CallEventKind.Linked:
                Linked(call, leg!, c, e.At, output);
                break;
            case CallEventKind.Held:
                output.Add(AmiEvent.Of("Hold", AmiPermission.Call, p => p.AddChannel(c).Add("MusicClass", "default")));
                break;
            case CallEventKind.Unheld:
                output.Add(AmiEvent.Of("Unhold", AmiPermission.Call, p => p.AddChannel(c)));
                break;
            case CallEventKind.Parked:
                Parked(call, leg!, c, e, output);
                break;
            case CallEventKind.Unparked:
                Unparked(call, leg!, c, e, output);
                break;
            case CallEventKind.HungUp:
                HungUp(call, leg!, c, e.At, output);
                break;
            case CallEventKind.QueueJoined:
                call.QueueJoined = e.At;
                call.QueueName = e.Queue ?? "";
                call.QueuePosition = e.QueuePosition ?? 1;
                output.Add(AmiEvent.Of("QueueCallerJoin", AmiPermission.Agent, p => p.AddChannel(c)
                    .Add("Queue", e.Queue).Add("Position", call.QueuePosition).Add("Count", call.QueuePosition)));
                break;
            case CallEventKind.QueueLeft:
                QueueLeft(call, c, e, output);
                break;
        }

        leg!.Last = c;
    }

    /// <summary>Asterisk's DeviceStateChange for the device, and ExtensionStatus for the extension's hint.</summary>
    private static void DeviceChanged(CallEvent e, DeviceState state, List<AmiEvent> output)
    {
        output.Add(AmiEvent.Of("DeviceStateChange", AmiPermission.Call, p => p.Add("Device", e.Device).Add("State", AmiCauses.DeviceStateName(state))));
        var (status, text) = state.AsteriskExtensionState();
        output.Add(AmiEvent.Of("ExtensionStatus", AmiPermission.Call, p => p
            .Add("Exten", e.Extension).Add("Context", e.Context ?? "default").Add("Hint", e.Device).Add("Status", status).Add("StatusText", text)));
    }

    private CallTrack CallOf(string callId)
    {
        if (!_calls.TryGetValue(callId, out var call))
        {
            if (_calls.Count >= MaxCalls)
            {
                // The oldest call's events were lost (its process died, say): forget it rather than grow.
                _calls.Remove(_calls.Keys.First());
            }

            call = new CallTrack(callId);
            _calls[callId] = call;
        }

        return call;
    }

    private static void Created(CallTrack call, LegTrack leg, ChannelSnapshot c, List<AmiEvent> output)
    {
        if (leg.Originating)
        {
            // A phone that dialled is created ringing back (Ring); a leg the PBX places (an originate's first leg) is
            // created Down and then rings, as Asterisk reports both.
            var createdAs = c.State == ChannelState.Ring ? ChannelState.Ring : ChannelState.Down;
            output.Add(AmiEvent.Of("Newchannel", AmiPermission.Call, p => p.AddChannel(c, state: createdAs)));
            VariablesSet(c, null, output);
            if (c.State != createdAs)
            {
                output.Add(AmiEvent.Of("Newstate", AmiPermission.Call, p => p.AddChannel(c)));
            }

            leg.Last = c;
            return;
        }

        output.Add(AmiEvent.Of("Newchannel", AmiPermission.Call, p => p.AddChannel(c, state: ChannelState.Down)));
        VariablesSet(c, null, output);
        if (call.Caller is { } caller)
        {
            leg.DialedBy = caller.Last;
            output.Add(AmiEvent.Of("DialBegin", AmiPermission.Call, p => p.AddChannel(caller.Last).AddChannel(c, "Dest", ChannelState.Down)
                .Add("DialString", c.EndpointKind == EndpointKind.Extension ? c.Endpoint : c.Exten)));
            // A leg dialled while the caller waits in a queue is the queue ringing a member.
            leg.Queue = c.Queue ?? (call.QueueConnected is not null ? null : call.QueueJoined is not null ? call.QueueName : caller.Last.Queue);
            if (leg.Queue is { } queue)
            {
                output.Add(AmiEvent.Of("AgentCalled", AmiPermission.Agent, p => p.AddChannel(caller.Last).AddChannel(c, "Dest", ChannelState.Down)
                    .Add("Queue", queue).Add("Interface", c.Device).Add("MemberName", c.Endpoint)));
            }
        }

        if (c.State != ChannelState.Down)
        {
            output.Add(AmiEvent.Of("Newstate", AmiPermission.Call, p => p.AddChannel(c)));
        }

        leg.Last = c;
    }

    /// <summary>What changed in the leg's picture besides the event itself: state, caller id, connected line, variables.</summary>
    private static void Changes(LegTrack leg, ChannelSnapshot c, List<AmiEvent> output)
    {
        var before = leg.Last;
        if (before.CallerIdNumber != c.CallerIdNumber || before.CallerIdName != c.CallerIdName)
        {
            output.Add(AmiEvent.Of("NewCallerid", AmiPermission.Call, p => p.AddChannel(c).Add("CID-CallingPres", "0 (Presentation Allowed, Not Screened)")));
        }

        if (before.ConnectedLineNumber != c.ConnectedLineNumber || before.ConnectedLineName != c.ConnectedLineName)
        {
            output.Add(AmiEvent.Of("NewConnectedLine", AmiPermission.Call, p => p.AddChannel(c)));
        }

        VariablesSet(c, before, output);
        if (before.State != c.State && !c.IsHungUp)
        {
            output.Add(AmiEvent.Of("Newstate", AmiPermission.Call, p => p.AddChannel(c)));
        }
    }

    private static void VariablesSet(ChannelSnapshot c, ChannelSnapshot? before, List<AmiEvent> output)
    {
        if (before is not null && ReferenceEquals(before.Variables, c.Variables))
        {
            return;
        }

        foreach (var (name, value) in c.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (before is null || !before.Variables.TryGetValue(name, out var old) || old != value)
            {
                output.Add(AmiEvent.Of("VarSet", AmiPermission.Dialplan, p => p.AddChannel(c).Add("Variable", name).Add("Value", value)));
            }
        }
    }

    private static void Answered(CallTrack call, LegTrack leg, ChannelSnapshot c, List<AmiEvent> output)
    {
        call.Answered ??= c.Answered;
        EndDial(call, leg, c, "ANSWER", output);
    }

    private void HungUp(CallTrack call, LegTrack leg, ChannelSnapshot c, DateTimeOffset at, List<AmiEvent> output)
    {
        var cause = c.HangupCause ?? HangupCause.NormalClearing;
        Leave(call, c, output);
        if (leg.DialedBy is { } caller && !leg.DialEnded)
        {
            EndDial(call, leg, c, AmiCauses.DialStatus(cause), output);
            var by = call.Legs.TryGetValue(caller.Name, out var current) ? current.Last : caller;
            if (leg.Queue is { } queue && cause is HangupCause.NoAnswer or HangupCause.NoUserResponse)
            {
                output.Add(AmiEvent.Of("AgentRingNoAnswer", AmiPermission.Agent, p => p.AddChannel(by).AddChannel(c, "Dest")
                    .Add("Queue", queue).Add("Interface", c.Device).Add("MemberName", c.Endpoint)
                    .Add("RingTime", (long)(at - leg.Created).TotalSeconds)));
            }
        }

        if (call.QueueConnected is { } connected && call.QueueMember is { } member && !call.QueueCompleted)
        {
            call.QueueCompleted = true;
            var callerLeg = call.Caller?.Last ?? c;
            var memberLeg = call.Legs.TryGetValue(member, out var m) ? m.Last : c;
            output.Add(AmiEvent.Of("AgentComplete", AmiPermission.Agent, p => p.AddChannel(callerLeg).AddChannel(memberLeg, "Dest")
                .Add("Queue", call.QueueName).Add("Interface", memberLeg.Device).Add("MemberName", memberLeg.Endpoint)
                .Add("HoldTime", (long)(connected - (call.QueueJoined ?? connected)).TotalSeconds)
                .Add("TalkTime", (long)(at - connected).TotalSeconds)
                .Add("Reason", c.Name == member ? "agent" : "caller")));
        }

        if (!call.HangupRequested)
        {
            // The leg whose side ended the call asked for the hangup; the others were hung up by the PBX.
            call.HangupRequested = true;
            output.Add(AmiEvent.Of("HangupRequest", AmiPermission.Call, p => p.AddChannel(c).Add("Cause", (int)cause)));
        }

        output.Add(AmiEvent.Of("Hangup", AmiPermission.Call, p => p.AddChannel(c).Add("Cause", (int)cause).Add("Cause-txt", AmiCauses.Text(cause))));
        leg.Last = c;
        if (call.Legs.Values.All(l => l.Last.IsHungUp))
        {
            output.Add(Cdr(call, at));
            _calls.Remove(call.CallId);
        }
    }
}
