using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>A spy leg: it rings an extension and, once answered, listens to, whispers into or barges into its target.</summary>
internal sealed partial class CallFlow
{
    private void Spy(SpyRequest request)
    {
        if (!_call.Started || _call.Phase == CallPhase.Ended)
        {
            _reply = CallReply.Refused(DomainError.ChannelNotFound, request.TargetChannel);
            return;
        }

        if (_call.Find(request.TargetChannel) is not { Live: true } target)
        {
            _reply = CallReply.Refused(DomainError.ChannelNotFound, request.TargetChannel);
            return;
        }

        if (target.Channel.EndpointKind == EndpointKind.Extension && target.Channel.Endpoint == request.SpyExtension)
        {
            _reply = CallReply.Refused(DomainError.SpyOnSelf, $"extension {request.SpyExtension} cannot spy on its own channel");
            return;
        }

        if (target.Channel.State != ChannelState.Up || target.Role == LegRole.Spy)
        {
            _reply = CallReply.Refused(DomainError.SpyTargetNotUp, $"{target.Name} is {target.Channel.State}, not up");
            return;
        }

        Ask(new CallEffect.OpenLeg(new SpyLeg(request)));
        _reply = CallReply.Done;
    }

    private void OpenSpy(SpyRequest request, ExtensionView spy, long sequence)
    {
        var target = Leg(request.TargetChannel);
        var leg = NewExtensionLeg(spy.Config, LegRole.Spy, ChannelState.Ringing, null, sequence,
            request.CallerIdNumber ?? target.Channel.CallerIdNumber, request.CallerIdName ?? target.Channel.CallerIdName,
            request.SpyExtension, spy.Config.Dialplan);
        AddRinging(leg with { SpyTarget = target.Name, SpyMode = request.Mode }, spy, request.RingTimeoutSeconds);
    }

    /// <summary>The spy answered: it starts on its target, or leaves when there is nothing to listen to any more.</summary>
    private void StartSpying(Leg leg)
    {
        var target = leg.SpyTarget is { } name ? _call.Find(name) : null;
        var spying = target is null ? null : ChannelMachine.StartSpy(leg.Channel, target.Channel, leg.SpyMode);
        if (spying is { IsOk: true })
        {
            Set(leg with { Channel = spying.Value! });
        }
        else
        {
            DropLeg(leg.Name, HangupCause.NormalClearing);
        }
    }
}
