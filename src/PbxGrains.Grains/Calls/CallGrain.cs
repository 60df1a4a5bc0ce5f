using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.Timers;

namespace PbxGrains.Grains.Calls;

/// <summary>
/// A call: the bridge of its legs and the single owner of every transition that touches them. Live only (a
/// restarted PBX has no calls); the CDR it writes at the end is what lasts.
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
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    private readonly List<CallLeg> _legs = [];
    private readonly Dictionary<long, (TimerKind Kind, string Leg)> _timerKinds = [];
    private VirtualTimers _timers = null!;
    private string _tenant = "";
    private string _callId = "";
    private TenantSettings _settings = new();
    private Random _random = new(1);

    private bool _started;
    private CallPhase _phase = CallPhase.Setup;
    private long _version;

    private string _source = "";
    private string _callerIdName = "";
    private string _destination = "";
    private string _accountCode = "";
    private ImmutableDictionary<string, string> _customFields = ImmutableDictionary<string, string>.Empty;
    private DateTimeOffset _startedAt;
    private DateTimeOffset? _answeredAt;
    private string? _answeredLeg;
    private string _lastApplication = "Dial";
    private HangupCause? _endCause;
    private string? _recordingFile;
    private bool _isOriginate;

    // Originate: where to go once the source answers, and the options for that leg.
    private Destination? _pending;
    private int? _destinationRingTimeout;
    private string? _destinationCallerIdNumber;
    private string? _destinationCallerIdName;

    // Inbound callers' own behaviour.
    private double? _patienceSeconds;
    private double? _callerTalkSeconds;

    // Queue.
    private string? _queue;
    private bool _inQueue;
    private bool _queueConnected;

    // Ring group waves.
    private ImmutableArray<ImmutableArray<string>> _waves = [];
    private int _waveIndex;
    private int _waveSeconds;
    private bool _settingUpWave;

    // Parking.
    private string? _parkedLot;
    private int? _parkedSlot;
    private string? _parkedChannel;
    private string _parkedBy = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_tenant, _callId) = TenantKey.Split(this.GetPrimaryKeyString());
        var self = this.AsReference<ICallGrain>();
        _timers = new VirtualTimers(clock.Time, self.OnTimerAsync);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_started && _phase != CallPhase.Ended)
        {
            // The silo is going away with the call still live: the call ends as it would on a PBX restart.
            logger.LogWarning("Call {Call} of {Tenant} deactivated while live ({Reason})", _callId, _tenant, reason.Description);
            metrics.CallEnded(CdrDisposition.Failed);
            foreach (var leg in _legs.Where(l => l.Live))
            {
                metrics.ChannelStateChanged(leg.PublishedState, null);
            }
        }

        _timers.Dispose();
        return Task.CompletedTask;
    }

    public Task<CallSnapshot?> GetAsync()
    {
        ForgetIfUnused();
        return Task.FromResult(_started ? Snapshot() : null);
    }

    private CallSnapshot Snapshot() => new()
    {
        CallId = _callId,
        Phase = _phase,
        Legs = [.. _legs.Where(l => l.Live).Select(l => l.Channel)],
        Source = _source,
        Destination = _destination,
        Started = _startedAt,
        Answered = _answeredAt,
        AccountCode = _accountCode,
        CustomFields = _customFields,
        Queue = _queue,
        Version = _version,
        IsOriginate = _isOriginate,
    };

    /// <summary>
    /// Sends every changed leg to its readers and the call to its shard. The channel's address is told first and
    /// awaited, then the extension: so a channel that an extension shows can already be found (and commanded) by name,
    /// and when a request returns, what it changed is visible to the next one. Neither reader calls any grain, so
    /// awaiting them cannot close a waiting cycle. The live-call shard is told one way: listings may lag a little.
    /// </summary>
    private async Task PublishAsync()
    {
        var changed = new List<ChannelSnapshot>();
        foreach (var leg in _legs)
        {
            if (leg.Channel.Version <= leg.PublishedVersion)
            {
                continue;
            }

            changed.Add(leg.Channel);
            StoreRecording(leg);
            var state = leg.Live ? leg.Channel.State : (ChannelState?)null;
            metrics.ChannelStateChanged(leg.PublishedState, state);
            leg.PublishedState = state;
            leg.PublishedVersion = leg.Channel.Version;
        }

        if (changed.Count > 0)
        {
            await TellReadersAsync(changed.Select(c => GrainFactory.Ref<IChannelGrain>(TenantKey.Of(_tenant, c.Name)).PublishAsync(c)));
            await TellReadersAsync(changed.Where(c => c.EndpointKind == EndpointKind.Extension)
                .Select(c => Extension(c.Endpoint).OnChannelChangedAsync(c)));
        }

        AnnounceChanges(changed);
        if (changed.Count > 0 || _phase == CallPhase.Ended)
        {
            _version++;
            GrainFactory.Ref<ILiveCallsGrain>(Shards.LiveCallsKey(_tenant, _callId)).PublishAsync(Snapshot()).Ignore();
        }
    }

    /// <summary>
    /// Hands a recording to the tenant's recording store once its leg is up (audio flows, so the file is written),
    /// whichever way it started: the extension records its calls, the originate asked for it, or a command turned it
    /// on. One way: the store awaits nothing and the call never waits for it.
    /// </summary>
    private void StoreRecording(CallLeg leg)
    {
        var channel = leg.Channel;
        if (!channel.Recording || channel.State != ChannelState.Up || channel.RecordingFile is not { } file || file == leg.StoredRecording)
        {
            return;
        }

        leg.StoredRecording = file;
        if (RecordingPaths.Split(file) is { } where)
        {
            GrainFactory.Ref<IRecordingStoreGrain>(_tenant).AddAsync(new RecordingFile
            {
                CallId = _callId,
                Folder = where.Folder,
                Name = where.Name,
                RecordedAs = file,
                Channel = channel.Name,
                Created = clock.Now,
            }).Ignore();
        }
    }

    private async Task TellReadersAsync(IEnumerable<Task> notifications)
    {
        try
        {
            await Task.WhenAll(notifications);
        }
        catch (Exception error)
        {
            // A reader that cannot be reached (its silo is stopping) must not undo the call's transition; it catches
            // up with the next picture.
            logger.LogWarning(error, "Call {Call} of {Tenant} could not publish a change", _callId, _tenant);
        }
    }

    /// <summary>An activation that never became a call (a late message for an ended one) does not stay around.</summary>
    private void ForgetIfUnused()
    {
        if (!_started)
        {
            DeactivateOnIdle();
        }
    }

    private CallLeg? Find(string channel) => _legs.Find(l => l.Name == channel);

    private CallLeg? CallerLeg => _legs.Find(l => l.Live && l.Role == LegRole.Caller);

    private IExtensionGrain Extension(string number) => GrainFactory.Ref<IExtensionGrain>(TenantKey.Of(_tenant, number));

    private IQueueGrain Queue(string name) => GrainFactory.Ref<IQueueGrain>(TenantKey.Of(_tenant, name));

    private IParkingLotGrain ParkingLot(string name) => GrainFactory.Ref<IParkingLotGrain>(TenantKey.Of(_tenant, name));

    private ITenantGrain Tenant => GrainFactory.Ref<ITenantGrain>(_tenant);

    private static PbxResult<T> Fail<T>(DomainError error, string detail) => PbxResult<T>.Fail(error, detail);
}
