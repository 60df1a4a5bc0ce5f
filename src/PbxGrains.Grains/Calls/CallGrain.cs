using Microsoft.Extensions.Logging;
using Orleans.Placement;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Calls.Flow;
using PbxGrains.Grains.Cdrs;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// A call: the bridge of its legs and the single owner of every transition that touches them. Live only (a
/// restarted PBX has no calls); the CDR it writes at the end is what lasts. A live call whose silo stops gracefully
/// moves to another silo and goes on there unchanged (see <c>CallGrain.Migration.cs</c>).
/// <para>
/// What happens is decided by <see cref="CallFlow"/>, plain code with no awaits: the grain loads what a request needs
/// (the tenant's settings, the extensions and destinations it names), feeds the flow one event at a time, carries out
/// the effects the flow returns in their order (feeding back what came of an ask before it goes on) and publishes
/// what changed.
/// </para>
/// <para>
/// Waiting rules, which keep the cluster free of waiting cycles: a call awaits only the tenant, extensions, ring
/// groups, parking lots, queues and CDR logs, none of which awaits a call (the queue offers members one way). It
/// publishes changes to channel addresses and extensions (which call no grain, so it may await them) and to the
/// live-call shards and its events to the tenant's event hub one way, and never awaits another call.
/// </para>
/// <para>
/// Placed by a hash of its key: calls are most of the activations and start wherever a request happens to arrive, so
/// the default (resource-optimised, preferring the local silo) would pile them onto the silos behind the busiest
/// gateways; hashing spreads them evenly over the cluster.
/// </para>
/// </summary>
[KeepAlive]
[HashBasedPlacement]
public sealed partial class CallGrain(
    PbxClock clock,
    SequenceSource sequences,
    PbxMetrics metrics,
    TimerLag lag,
    CdrOutbox cdrs,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    /// <summary>How long an activation that never became a call waits for further questions before it goes.</summary>
    internal static readonly TimeSpan UnusedLinger = TimeSpan.FromSeconds(10);

    private CallShowing _shown = new();
    private IGrainTimer? _forget;
    private string _tenant = "";
    private CallState _call = CallState.New("");
    private CallTimers _timers = null!;

    // The call's time: the instant of the step being taken (see ActAsync); never goes back.
    private DateTimeOffset _now;

    // Every draw of the call (phones' delays, talk times, the outside world) comes from here; seeded when it starts,
    // and resumable so that a call that moves to another silo goes on with the draws it would have made.
    private ResumableRandom _random = new(1);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, var callId) = TenantKey.Split(this.GetPrimaryKeyString());
        _call = CallState.New(callId);
        var self = this.AsReference<ICallGrain>();
        _timers = new CallTimers(clock.Time, self.OnTimerAsync, lag);
        TakeOverArrived();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_call.Started && _call.Phase != CallPhase.Ended)
        {
            if (!MovesOn(reason))
            {
                // Going away with the call still live and nowhere to go: the call ends as it would on a PBX restart.
                logger.LogWarning("Call {Call} of {Tenant} deactivated while live ({Reason})", _call.CallId, _tenant, reason.Description);
                EndedWithActivation();
            }
        }

        // Not cleared: a call that moves takes its pending timers along (OnDehydrate); Dispose clears them.
        _timers.Disarm();
        return Task.CompletedTask;
    }

    public Task<CallSnapshot?> GetAsync()
    {
        ForgetIfUnused();
        return Task.FromResult(_call.Started ? Snapshot() : null);
    }

    public async Task<PbxResult<CallSnapshot>> OriginateAsync(OriginateRequest request)
    {
        var settings = await PrepareAsync(request.Seed);
        if (!settings.IsOk)
        {
            return Refuse(settings.AsResult());
        }

        var source = await Extension(request.SourceExtension).GetAsync();
        if (CallStartRules.Source(request, source) is { } refusal)
        {
            return Refuse(refusal);
        }

        var destination = request.ResolvedDestination ?? await Tenant.ResolveAsync(request.Destination);
        return await ShowAfterAsync(new CallInput.Originate(request, settings.Value!, source, destination));
    }

    public async Task<PbxResult<CallSnapshot>> DialAsync(DialRequest request)
    {
        var settings = await PrepareAsync(request.Seed);
        if (!settings.IsOk)
        {
            return Refuse(settings.AsResult());
        }

        var phone = await Extension(request.FromExtension).GetAsync();
        if (CallStartRules.Phone(request, phone) is { } refusal)
        {
            return Refuse(refusal);
        }

        var destination = request.ResolvedDestination ?? await Tenant.ResolveAsync(request.Destination);
        return await ShowAfterAsync(new CallInput.Dial(request, settings.Value!, phone, destination), request.At);
    }

    public async Task<PbxResult<CallSnapshot>> InboundAsync(InboundCallRequest request)
    {
        var settings = await PrepareAsync(request.Seed);
        if (!settings.IsOk)
        {
            return Refuse(settings.AsResult());
        }

        if (CallStartRules.Trunk(request.Trunk) is { } refusal)
        {
            return Refuse(refusal);
        }

        var destination = await Tenant.ResolveAsync(request.Destination);
        return await ShowAfterAsync(new CallInput.Inbound(request, settings.Value!, destination), request.At);
    }

    public async Task<PbxResult<CallSnapshot>> DialIntoContextAsync(ContextCallRequest request)
    {
        var settings = await PrepareAsync(request.Seed);
        return settings.IsOk
            ? await ShowAfterAsync(new CallInput.IntoContext(request, settings.Value!))
            : Refuse(settings.AsResult());
    }

    public Task<PbxResult<CallSnapshot>> SpyAsync(SpyRequest request) => ShowAfterAsync(new CallInput.Spy(request));

    public Task<PbxResult<CallSnapshot>> JoinParkedAsync(string extension, int slot, bool offHook) =>
        ShowAfterAsync(new CallInput.JoinParked(extension, slot, offHook));

    public Task<PbxResult> AnswerAsync(string channel) => RequestAsync(new CallInput.Answer(channel));

    public Task<PbxResult> RejectAsync(string channel) => RequestAsync(new CallInput.Reject(channel));

    public Task<PbxResult> HangupAsync(string? channel, HangupCause cause) => RequestAsync(new CallInput.Hangup(channel, cause));

    public Task<PbxResult> HoldAsync(string channel) => RequestAsync(new CallInput.Hold(channel));

    public Task<PbxResult> UnholdAsync(string channel) => RequestAsync(new CallInput.Unhold(channel));

    public Task<PbxResult> SetVariableAsync(string channel, string name, string value) => RequestAsync(new CallInput.SetVariable(channel, name, value));

    public Task<PbxResult> SetRecordingAsync(string channel, bool on, string? file) => RequestAsync(new CallInput.SetRecording(channel, on, file));

    public Task<PbxResult> RedirectAsync(string channel, string destination) => RequestAsync(new CallInput.Redirect(channel, destination));

    public async Task<PbxResult<int>> ParkAsync(string channel, string lot)
    {
        var reply = await ActAsync(new CallInput.Park(channel, lot));
        return reply.Result.IsOk ? PbxResult<int>.Success(reply.Slot) : PbxResult<int>.Fail(reply.Result.Error, reply.Result.Detail);
    }

    public async Task OfferAsync(QueueOffer offer)
    {
        if (offer.At == default)
        {
            await ActAsync(new CallInput.QueueOffered(offer));
            return;
        }

        // The caller's own steps due before the offer was made (its patience running out) go first, as they would have
        // on a host that kept up; the offer then finds the caller gone, as it would have.
        while (_timers.OverdueBefore(offer.At) is { } earlier && await FireAsync(earlier))
        {
        }

        await ActAsync(new CallInput.QueueOffered(offer), offer.At);
    }

    public async Task OnTimerAsync(long timerId)
    {
        // The call's overdue timers that fell due before this one go first (see CallTimers.EarlierOverdue); their own
        // messages then find them claimed.
        while (_timers.EarlierOverdue(timerId) is { } earlier)
        {
            if (!await FireAsync(earlier))
            {
                break;
            }
        }

        if (!await FireAsync(timerId))
        {
            ForgetIfUnused();
        }
    }

    /// <summary>Takes the step a timer causes, at its due instant; false when it was no longer pending.</summary>
    private async Task<bool> FireAsync(long timerId)
    {
        if (_timers.Claim(timerId) is not { } timer)
        {
            return false;
        }

        await ActAsync(new CallInput.TimerFired(timer.Kind, timer.Leg), timer.Due);
        return true;
    }

    /// <summary>Loads what every new call needs and seeds its draws; the tenant's settings, or why the call cannot start.</summary>
    private async Task<PbxResult<TenantSettings>> PrepareAsync(int? seed)
    {
        if (CallStartRules.New(_call) is { } exists)
        {
            return exists;
        }

        var settings = await Tenant.GetSettingsAsync();
        if (CallStartRules.TenantExists(settings, _tenant) is { } missing)
        {
            return missing;
        }

        _random = new ResumableRandom(CallStartRules.DrawSeed(seed, _call.CallId, settings!));
        return PbxResult<TenantSettings>.Success(settings!);
    }

    private async Task<PbxResult> RequestAsync(CallInput request) => (await ActAsync(request)).Result;

    /// <summary>Acts on the request (at <paramref name="at"/>, when it carries its instant) and, when it went through, answers with the call as it is now.</summary>
    private async Task<PbxResult<CallSnapshot>> ShowAfterAsync(CallInput request, DateTimeOffset? at = null)
    {
        var reply = await ActAsync(request, at);
        return reply.Result.IsOk ? PbxResult<CallSnapshot>.Success(Snapshot()) : PbxResult<CallSnapshot>.Fail(reply.Result.Error, reply.Result.Detail);
    }

    private PbxResult<CallSnapshot> Refuse(PbxResult refusal)
    {
        ForgetIfUnused();
        return PbxResult<CallSnapshot>.Fail(refusal.Error, refusal.Detail);
    }

    /// <summary>
    /// An activation that never became a call (a late message for an ended one, a made-up id, a lost call being asked
    /// about) does not stay around: it goes once nobody has asked it anything for <see cref="UnusedLinger"/>.
    /// </summary>
    /// <remarks>
    /// Not at once: after a silo loss every holder of a lost call asks it at the same moment (one way), and a message
    /// that meets an activation on its way out is forwarded, and dropped if it was forwarded before, which those were
    /// (away from the dead silo). Going at the first question lost the others now and then, and the holder kept
    /// showing a call that no longer existed. Lingering until quiet lets a whole round of questions land here.
    /// </remarks>
    private void ForgetIfUnused()
    {
        if (_call.Started)
        {
            return;
        }

        if (_forget is null)
        {
            _forget = this.RegisterGrainTimer(() =>
            {
                if (!_call.Started)
                {
                    DeactivateOnIdle();
                }

                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(UnusedLinger, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _forget.Change(UnusedLinger, Timeout.InfiniteTimeSpan);
        }
    }

    private CallSnapshot Snapshot() => _call.Snapshot(_shown.Version);

    private IExtensionGrain Extension(string number) => GrainFactory.Ref<IExtensionGrain>(TenantKey.Of(_tenant, number));

    private IQueueGrain Queue(string name) => GrainFactory.Ref<IQueueGrain>(TenantKey.Of(_tenant, name));

    private IParkingLotGrain ParkingLot(string name) => GrainFactory.Ref<IParkingLotGrain>(TenantKey.Of(_tenant, name));

    private ITenantGrain Tenant => GrainFactory.Ref<ITenantGrain>(_tenant);
}
