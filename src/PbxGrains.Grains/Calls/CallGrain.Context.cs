using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls;

/// <summary>Calls the PBX places into a dialplan context: an outside number first, then the context once it answers.</summary>
public sealed partial class CallGrain
{
    // Set only for a call placed into a context.
    private string? _answerContext;
    private string? _hangupContext;

    public async Task<PbxResult<CallSnapshot>> DialIntoContextAsync(ContextCallRequest request)
    {
        var refusal = await PrepareAsync(request.Seed);
        if (refusal is not null)
        {
            return refusal;
        }

        var number = request.Destination.Trim();
        if (number.Length == 0 || !number.TrimStart('+').All(c => char.IsAsciiDigit(c) || c is '*' or '#') || string.IsNullOrWhiteSpace(request.Context))
        {
            return Refuse(DomainError.InvalidArgument, "a call into a context needs an outside number and a context");
        }

        if (request.Trunk is { } trunk)
        {
            if (string.IsNullOrWhiteSpace(trunk) || trunk.Any(c => c is '/' or '-' or ' '))
            {
                return Refuse(DomainError.InvalidArgument, "trunk: must be a name without '/', '-' or spaces");
            }

            _settings = _settings with { Trunk = trunk };
        }

        Begin(request.CallerIdNumber, request.CallerIdName, number, request.AccountCode, request.CustomFields);
        _isOriginate = true;
        _answerContext = request.Context;
        _hangupContext = request.HangupContext;
        _destinationCallerIdNumber = request.CallerIdNumber;
        _destinationCallerIdName = request.CallerIdName;
        _recordingFile = request.RecordingFile;
        var leg = await DialOutsideAsync(number, LegRole.Caller, request.RingTimeoutSeconds);
        leg.Channel = leg.Channel with
        {
            Variables = request.Variables,
            Recording = request.RecordingFile is not null,
            RecordingFile = request.RecordingFile,
        };
        await PublishAsync();
        return PbxResult<CallSnapshot>.Success(Snapshot());
    }

    /// <summary>The dialled number answered a call placed into a context: the context takes it over.</summary>
    private void EnterContext(CallLeg leg)
    {
        leg.Channel = ChannelMachine.Describe(leg.Channel, c => c with { Context = _answerContext!, Exten = "s" }).Value!;
        _phase = CallPhase.Connected;
        _answeredAt ??= clock.Now;
        _answeredLeg = leg.Name;
        StartTalking(leg);
    }

    /// <summary>The context a call ends in: a call into a context that was never answered goes to its hangup context.</summary>
    private string? EndContext => _answerContext is not null && _answeredAt is null ? _hangupContext : null;
}
