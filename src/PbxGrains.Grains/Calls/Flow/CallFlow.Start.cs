using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>How calls begin: originate, a phone dialling, an inbound call, a call into a context.</summary>
internal sealed partial class CallFlow
{
    private void Originate(CallInput.Originate start)
    {
        var (request, source) = (start.Request, start.Source);
        if (Refuse(CallStartRules.New(_call) ?? CallStartRules.Source(request, source) ?? CallStartRules.Dialable(start.Destination, request.Destination)))
        {
            return;
        }

        var config = source.Config;
        Begin(start.Settings, config.Number, config.CallerIdName, request.Destination, request.AccountCode ?? config.AccountCode, request.CustomFields);

        // A folder puts the recording (the named file, else the extension's own) there.
        var recording = request.RecordingFolder is { Length: > 0 } folder && (request.RecordingFile ?? (config.RecordCalls ? $"{_call.CallId}-{config.Number}.wav" : null)) is { } named
            ? $"{folder.TrimEnd('/')}/{named}"
            : request.RecordingFile;
        _call = _call with
        {
            Facts = _call.Facts with { RecordingFile = recording },

            // The source leg shows the dialler identity, so the destination must not inherit it: by default it sees the
            // source extension, as if that phone had dialled.
            Plan = new OriginatePlan
            {
                IsOriginate = true,
                Destination = start.Destination,
                RingTimeoutSeconds = request.DestinationRingTimeoutSeconds,
                CallerIdNumber = request.DestinationCallerIdNumber ?? config.OutboundCallerIdNumber,
                CallerIdName = request.DestinationCallerIdName ?? config.CallerIdName,
            },
        };
        Ask(new CallEffect.OpenLeg(new SourceLeg(request, source)));
        _reply = CallReply.Done;
    }

    /// <summary>The PBX rings the source first, showing the dialler identity (by default the number it will dial).</summary>
    private void OpenSource(SourceLeg order, long sequence)
    {
        var (request, config) = (order.Request, order.Source.Config);
        var leg = NewExtensionLeg(config, LegRole.Caller, ChannelState.Ringing, _call.CallId, sequence,
            request.SourceCallerIdNumber ?? request.Destination, request.SourceCallerIdName ?? request.Destination,
            request.Destination, request.Context ?? config.Dialplan);
        var recording = _call.Facts.RecordingFile;
        AddRinging(leg with
        {
            // Once bridged, the destination keeps seeing the identity it was presented while it rang.
            PartyNumber = _call.Plan.CallerIdNumber!,
            PartyName = _call.Plan.CallerIdName!,
            Channel = leg.Channel with
            {
                Variables = request.Variables,

                // The extension's own recording goes on unless the originate names another file.
                Recording = recording is not null || leg.Channel.Recording,
                RecordingFile = recording ?? leg.Channel.RecordingFile,
            },
        }, order.Source, request.SourceRingTimeoutSeconds);
    }

    private void Dial(CallInput.Dial start)
    {
        var (request, config) = (start.Request, start.Phone.Config);
        if (Refuse(CallStartRules.New(_call) ?? CallStartRules.Phone(request, start.Phone) ?? CallStartRules.Dialable(start.Destination, request.Destination)))
        {
            return;
        }

        Begin(start.Settings, config.Number, config.CallerIdName, request.Destination, request.AccountCode ?? config.AccountCode, null);
        _call = _call with { Plan = new OriginatePlan { RingTimeoutSeconds = request.RingTimeoutSeconds } };
        Ask(new CallEffect.OpenLeg(new PhoneLeg(request, start.Phone, start.Destination)));
        _reply = CallReply.Done;
    }

    /// <summary>The phone is off hook and dials.</summary>
    private void OpenPhone(PhoneLeg order, long sequence)
    {
        var (request, config) = (order.Request, order.Phone.Config);
        var leg = NewExtensionLeg(config, LegRole.Caller, ChannelState.Ring, _call.CallId, sequence,
            config.OutboundCallerIdNumber, config.CallerIdName, request.Destination, config.Dialplan);
        Add(leg with { Phone = config.Phone, TalkTime = request.TalkSeconds is { } talk ? Distribution.Constant(talk) : null });
        _call = _call with { Phase = CallPhase.Dialing };
        DialDestination(order.Destination);
    }

    private void Inbound(CallInput.Inbound start)
    {
        var request = start.Request;
        if (Refuse(CallStartRules.New(_call) ?? CallStartRules.Inbound(request, start.Destination)))
        {
            return;
        }

        Begin(start.Settings, request.CallerIdNumber, request.CallerIdName, request.Destination, request.AccountCode ?? "", null);
        if (request.PatienceSeconds is { } patience)
        {
            _call = _call with { Inbound = new InboundCaller(patience) };
        }
        Ask(new CallEffect.OpenLeg(new TrunkCallerLeg(request, start.Destination)));
        _reply = CallReply.Done;
    }

    /// <summary>The call arrives on the trunk.</summary>
    private void OpenTrunkCaller(TrunkCallerLeg order, long sequence)
    {
        var request = order.Request;
        var channel = new ChannelSnapshot
        {
            Name = UniqueId.ChannelName("SIP", request.Trunk, sequence),
            UniqueId = _call.CallId,
            CallId = _call.CallId,
            State = ChannelState.Ring,
            Version = 1,
            CallerIdNumber = request.CallerIdNumber,
            CallerIdName = request.CallerIdName,
            AccountCode = _call.Facts.AccountCode,
            Context = "from-trunk",
            Exten = request.Destination,
            Variables = request.Variables,
            Created = _now,
            EndpointKind = EndpointKind.Trunk,
            Endpoint = request.Trunk,
            Tech = "SIP",
            Application = "Dial",
        };
        Add(new Leg(channel, LegRole.Caller, request.CallerIdNumber, request.CallerIdName)
        {
            TalkTime = request.TalkSeconds is { } talk ? Distribution.Constant(talk) : null,
        });
        _call = _call with { Phase = CallPhase.Dialing };
        DialDestination(order.Destination);
    }

    private void IntoContext(CallInput.IntoContext start)
    {
        var request = start.Request;
        if (Refuse(CallStartRules.New(_call) ?? CallStartRules.IntoContext(request)))
        {
            return;
        }

        var number = request.Destination.Trim();
        var settings = request.Trunk is { } trunk ? start.Settings with { Trunk = trunk } : start.Settings;
        Begin(settings, request.CallerIdNumber, request.CallerIdName, number, request.AccountCode, request.CustomFields);
        _call = _call with
        {
            Facts = _call.Facts with { RecordingFile = request.RecordingFile },
            Plan = new OriginatePlan
            {
                IsOriginate = true,
                AnswerContext = request.Context,
                HangupContext = request.HangupContext,
                CallerIdNumber = request.CallerIdNumber,
                CallerIdName = request.CallerIdName,
            },
        };
        Ask(new CallEffect.OpenLeg(new OutsideLeg(number, LegRole.Caller, request.RingTimeoutSeconds, request)));
        _reply = CallReply.Done;
    }

    /// <summary>The dialled number answered a call placed into a context: the context takes it over.</summary>
    private void EnterContext(Leg leg)
    {
        leg = Set(leg with { Channel = ChannelMachine.Describe(leg.Channel, c => c with { Context = _call.Plan.AnswerContext!, Exten = "s" }).Value! });
        _call = _call with
        {
            Phase = CallPhase.Connected,
            Facts = _call.Facts with { Answered = _call.Facts.Answered ?? _now, AnsweredLeg = leg.Name },
        };
        StartTalking(leg);
    }

    private void Begin(TenantSettings settings, string source, string callerIdName, string destination, string? accountCode,
        ImmutableDictionary<string, string>? customFields)
    {
        _call = _call with
        {
            Started = true,
            Settings = settings,
            Facts = _call.Facts with
            {
                Source = source,
                CallerIdName = callerIdName,
                Destination = destination,
                AccountCode = accountCode ?? "",
                CustomFields = customFields ?? _call.Facts.CustomFields,
                Started = _now,
            },
        };
    }

    /// <summary>Replies with the refusal, if there is one: the call is left as it was.</summary>
    private bool Refuse(PbxResult? refusal)
    {
        if (refusal is null)
        {
            return false;
        }

        _reply = CallReply.Refused(refusal);
        return true;
    }
}
