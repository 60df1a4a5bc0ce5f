using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Calls;

/// <summary>How calls begin: originate, a phone dialling, an inbound call.</summary>
public sealed partial class CallGrain
{
    public async Task<PbxResult<CallSnapshot>> OriginateAsync(OriginateRequest request)
    {
        var refusal = await PrepareAsync(request.Seed);
        if (refusal is not null)
        {
            return refusal;
        }

        var source = await Extension(request.SourceExtension).GetAsync();
        if (!source.Exists)
        {
            return Refuse(DomainError.ExtensionNotFound, $"extension {request.SourceExtension} does not exist");
        }

        if (request.RequireSourceAvailable && !source.Registered)
        {
            return Refuse(DomainError.ExtensionUnregistered, $"extension {request.SourceExtension} is not registered");
        }

        if (request.RequireSourceAvailable && source.DeviceState != DeviceState.NotInUse)
        {
            return Refuse(DomainError.ExtensionBusy, $"extension {request.SourceExtension} is {source.DeviceState}");
        }

        var destination = request.ResolvedDestination ?? await Tenant.ResolveAsync(request.Destination);
        if (destination.Kind is DestinationKind.Unknown or DestinationKind.ParkingSlot)
        {
            return Refuse(DomainError.DestinationNotFound, $"{request.Destination} is not a number this PBX can dial");
        }

        Begin(source.Config.Number, source.Config.CallerIdName, request.Destination, request.AccountCode ?? source.Config.AccountCode, request.CustomFields);
        _isOriginate = true;
        _pending = destination;
        _destinationRingTimeout = request.DestinationRingTimeoutSeconds;

        // The source leg shows the dialler identity, so the destination must not inherit it: by default it sees the
        // source extension, as if that phone had dialled.
        _destinationCallerIdNumber = request.DestinationCallerIdNumber ?? source.Config.OutboundCallerIdNumber;
        _destinationCallerIdName = request.DestinationCallerIdName ?? source.Config.CallerIdName;
        // A folder puts the recording (the named file, else the extension's own) there.
        var recording = request.RecordingFolder is { Length: > 0 } folder && (request.RecordingFile ?? (source.Config.RecordCalls ? $"{_callId}-{source.Config.Number}.wav" : null)) is { } named
            ? $"{folder.TrimEnd('/')}/{named}"
            : request.RecordingFile;
        _recordingFile = recording;

        // The PBX rings the source first, showing the dialler identity (by default the number it will dial).
        var leg = await NewLegAsync(source.Config, LegRole.Caller, ChannelState.Ringing, _callId,
            request.SourceCallerIdNumber ?? request.Destination, request.SourceCallerIdName ?? request.Destination,
            request.Destination, request.Context ?? source.Config.Dialplan);

        // Once bridged, the destination keeps seeing the identity it was presented while it rang.
        leg.PartyNumber = _destinationCallerIdNumber;
        leg.PartyName = _destinationCallerIdName;
        leg.Channel = leg.Channel with
        {
            Variables = request.Variables,
            // The extension's own recording goes on unless the originate names another file.
            Recording = recording is not null || leg.Channel.Recording,
            RecordingFile = recording ?? leg.Channel.RecordingFile,
        };
        await RingExtensionAsync(leg, source, request.SourceRingTimeoutSeconds);
        await PublishAsync();
        return PbxResult<CallSnapshot>.Success(Snapshot());
    }

    public async Task<PbxResult<CallSnapshot>> DialAsync(DialRequest request)
    {
        var refusal = await PrepareAsync(request.Seed);
        if (refusal is not null)
        {
            return refusal;
        }

        var phone = await Extension(request.FromExtension).GetAsync();
        if (!phone.Exists)
        {
            return Refuse(DomainError.ExtensionNotFound, $"extension {request.FromExtension} does not exist");
        }

        if (!phone.Registered)
        {
            return Refuse(DomainError.ExtensionUnregistered, $"extension {request.FromExtension} is not registered");
        }

        var destination = request.ResolvedDestination ?? await Tenant.ResolveAsync(request.Destination);
        if (destination.Kind is DestinationKind.Unknown or DestinationKind.ParkingSlot)
        {
            return Refuse(DomainError.DestinationNotFound, $"{request.Destination} is not a number this PBX can dial");
        }

        Begin(phone.Config.Number, phone.Config.CallerIdName, request.Destination, request.AccountCode ?? phone.Config.AccountCode, null);
        _destinationRingTimeout = request.RingTimeoutSeconds;
        var leg = await NewLegAsync(phone.Config, LegRole.Caller, ChannelState.Ring, _callId,
            phone.Config.OutboundCallerIdNumber, phone.Config.CallerIdName, request.Destination, phone.Config.Dialplan);
        leg.Phone = phone.Config.Phone;
        if (request.TalkSeconds is { } talk)
        {
            leg.TalkTime = Distribution.Constant(talk);
        }

        _phase = CallPhase.Dialing;
        await DialDestinationAsync(destination);
        await PublishAsync();
        return PbxResult<CallSnapshot>.Success(Snapshot());
    }

    public async Task<PbxResult<CallSnapshot>> InboundAsync(InboundCallRequest request)
    {
        var refusal = await PrepareAsync(request.Seed);
        if (refusal is not null)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(request.Trunk) || request.Trunk.Any(c => c is '/' or '-' or ' '))
        {
            return Refuse(DomainError.InvalidArgument, "trunk: must be a name without '/', '-' or spaces");
        }

        var destination = await Tenant.ResolveAsync(request.Destination);
        if (destination.Kind is DestinationKind.Unknown or DestinationKind.ParkingSlot or DestinationKind.External)
        {
            return Refuse(DomainError.DestinationNotFound, $"{request.Destination} is not a number of this PBX");
        }

        Begin(request.CallerIdNumber, request.CallerIdName, request.Destination, request.AccountCode ?? "", null);
        _patienceSeconds = request.PatienceSeconds;
        _callerTalkSeconds = request.TalkSeconds;
        var sequence = await sequences.NextAsync(_tenant);
        var leg = AddLeg(new ChannelSnapshot
        {
            Name = UniqueId.ChannelName("SIP", request.Trunk, sequence),
            UniqueId = _callId,
            CallId = _callId,
            State = ChannelState.Ring,
            Version = 1,
            CallerIdNumber = request.CallerIdNumber,
            CallerIdName = request.CallerIdName,
            AccountCode = _accountCode,
            Context = "from-trunk",
            Exten = request.Destination,
            Variables = request.Variables,
            Created = clock.Now,
            EndpointKind = EndpointKind.Trunk,
            Endpoint = request.Trunk,
            Tech = "SIP",
            Application = "Dial",
        }, LegRole.Caller, request.CallerIdNumber, request.CallerIdName);
        if (request.TalkSeconds is { } talk)
        {
            leg.TalkTime = Distribution.Constant(talk);
        }

        _phase = CallPhase.Dialing;
        await DialDestinationAsync(destination);
        await PublishAsync();
        return PbxResult<CallSnapshot>.Success(Snapshot());
    }

    public async Task<PbxResult<CallSnapshot>> SpyAsync(SpyRequest request)
    {
        if (!_started || _phase == CallPhase.Ended)
        {
            ForgetIfUnused();
            return Fail<CallSnapshot>(DomainError.ChannelNotFound, request.TargetChannel);
        }

        var target = Find(request.TargetChannel);
        if (target is null || !target.Live)
        {
            return Fail<CallSnapshot>(DomainError.ChannelNotFound, request.TargetChannel);
        }

        if (target.Channel.EndpointKind == EndpointKind.Extension && target.Channel.Endpoint == request.SpyExtension)
        {
            return Fail<CallSnapshot>(DomainError.SpyOnSelf, $"extension {request.SpyExtension} cannot spy on its own channel");
        }

        if (target.Channel.State != ChannelState.Up || target.Role == LegRole.Spy)
        {
            return Fail<CallSnapshot>(DomainError.SpyTargetNotUp, $"{target.Name} is {target.Channel.State}, not up");
        }

        var spy = await Extension(request.SpyExtension).GetAsync();
        if (!spy.Exists)
        {
            return Fail<CallSnapshot>(DomainError.ExtensionNotFound, $"extension {request.SpyExtension} does not exist");
        }

        var leg = await NewLegAsync(spy.Config, LegRole.Spy, ChannelState.Ringing, null,
            request.CallerIdNumber ?? target.Channel.CallerIdNumber, request.CallerIdName ?? target.Channel.CallerIdName,
            request.SpyExtension, spy.Config.Dialplan);
        leg.SpyTarget = target.Name;
        leg.SpyMode = request.Mode;
        await RingExtensionAsync(leg, spy, request.RingTimeoutSeconds);
        await PublishAsync();
        return PbxResult<CallSnapshot>.Success(Snapshot());
    }

    /// <summary>Loads what every new call needs; null when the call may start.</summary>
    private async Task<PbxResult<CallSnapshot>?> PrepareAsync(int? seed)
    {
        if (_started)
        {
            return Fail<CallSnapshot>(DomainError.IllegalTransition, $"call {_callId} already exists");
        }

        var settings = await Tenant.GetSettingsAsync();
        if (settings is null)
        {
            return Refuse(DomainError.TenantNotFound, $"tenant {_tenant} does not exist");
        }

        _settings = settings;

        // Every draw of the call comes from one source: the seed its creator gave (traffic generators give one per call,
        // so a run repeats whatever ids the calls get), else one derived from the tenant's seed and the call's id.
        _random = new Random(seed ?? unchecked((int)(Abstractions.Ids.StableHash.Fnv1a(_callId) ^ ((uint)settings.Seed * 2654435761u))));
        return null;
    }

    private PbxResult<CallSnapshot> Refuse(DomainError error, string detail)
    {
        ForgetIfUnused();
        return Fail<CallSnapshot>(error, detail);
    }

    private void Begin(string source, string callerIdName, string destination, string? accountCode, System.Collections.Immutable.ImmutableDictionary<string, string>? customFields)
    {
        _started = true;
        _source = source;
        _callerIdName = callerIdName;
        _destination = destination;
        _accountCode = accountCode ?? "";
        _customFields = customFields ?? _customFields;
        _startedAt = clock.Now;
        metrics.CallStarted();
    }
}
