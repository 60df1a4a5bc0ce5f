using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.VoipSun;

public static partial class VoipSunApi
{
    private static readonly LineRefusals SpySourceLine = new(
        (300, VoipSunErrors.SourceConflict), (302, VoipSunErrors.SpySourceDialplanMissing), (303, VoipSunErrors.SpySourceNotFound), (304, VoipSunErrors.SpySourceDialplanNotFound));

    // One target selector was given (several are answered before), so the target's lookup cannot conflict.
    private static readonly LineRefusals SpyTargetLine = new(
        (301, VoipSunErrors.SpyDestinationConflict), (310, VoipSunErrors.SpyDestinationDialplanMissing), (311, VoipSunErrors.SpyDestinationNotFound),
        (312, VoipSunErrors.SpyDestinationDialplanNotFound));
    /// <summary>
    /// spying: rings the source line and, once it answers, listens to the target: a line's call (its live, answered
    /// channel) or a channel by name. The spy's phone shows <c>spyCid</c>/<c>spyName</c> (by default 000 and Spy).
    /// A target with no answered call to listen to is answered as a target not found (311): the simulator's spy
    /// joins a call, it cannot wait on an idle line as ChanSpy does.
    /// </summary>
    private static async Task<VoipSunAnswer> SpyingAsync(VoipSunRequest request)
    {
        var (sourceOutcome, source) = VoipSunLines.Find(request, "src", "srcDialplanName");
        string[] targets = ["dstExtenPublicNum", "dstExtenInternalNum", "dstExtenId", "dstSipUsername", "dstChannelName"];
        var targetsGiven = targets.Count(request.Has);
        if (sourceOutcome == LineLookup.NoSelector || targetsGiven == 0)
        {
            return Missing();
        }

        if (SpySourceLine.For(sourceOutcome) is { } refused)
        {
            return refused;
        }

        if (targetsGiven > 1)
        {
            return VoipSunAnswer.Error(301, VoipSunErrors.SpyDestinationConflict);
        }

        string? target;
        if (request.Optional("dstChannelName") is { } name)
        {
            var channel = await request.Pbx.FindChannelAsync(request.Tenant, name.Replace('\\', '/'));
            target = channel is { IsHungUp: false } ? channel.Name : null;
        }
        else
        {
            var (targetOutcome, line) = VoipSunLines.Find(request, "dst", "dstDialplanName");
            if (SpyTargetLine.For(targetOutcome) is { } noTarget)
            {
                return noTarget;
            }

            var view = await request.Pbx.Extension(request.Tenant, line!.Number).GetAsync();
            target = view.Channels.FirstOrDefault(c => !c.IsHungUp && c.State == ChannelState.Up && c.SpyTarget is null)?.Name;
        }

        if (target is null)
        {
            return VoipSunAnswer.Error(311, VoipSunErrors.SpyDestinationNotFound);
        }

        var spyCid = request.Optional("spyCid");
        var result = await request.Pbx.SpyAsync(request.Tenant, new SpyRequest
        {
            SpyExtension = source!.Number,
            TargetChannel = target,
            Mode = SpyMode.Listen,
            CallerIdNumber = spyCid ?? "000",
            CallerIdName = request.Optional("spyName") ?? spyCid ?? "Spy",
        });
        return result.Error switch
        {
            DomainError.None => VoipSunAnswer.Success(),
            DomainError.ExtensionNotFound => VoipSunAnswer.Error(303, VoipSunErrors.SpySourceNotFound),

            // The target ended meanwhile, is not answered, or is the spy's own call: there is nothing to listen to.
            _ => VoipSunAnswer.Error(311, VoipSunErrors.SpyDestinationNotFound),
        };
    }
}
