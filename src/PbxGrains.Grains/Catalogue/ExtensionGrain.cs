using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Hosting;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// An extension. Durable: configuration and registration. Transient: the mirror of its live channels, fed by
/// the calls that own them. It awaits no grain, which is what lets calls, queues and agents await it freely; it tells
/// the queues that wait for it, one way, when it becomes free. Kept in memory while it exists, shows a live channel or
/// has a queue waiting for it; an activation for a number that is no extension is collected when idle.
/// </summary>
public sealed partial class ExtensionGrain(
    [PersistentState("extension", PbxStorage.Name)] IPersistentState<ExtensionState> state,
    PbxClock clock) : EntityGrain, IExtensionGrain
{
    // A late picture trails its channel's final one by the few messages in flight, while 16 channels ending at one
    // phone take seconds even under load. The names are memory for as long as the extension lives (about 110 bytes
    // each): at 256 a soak's 2,000 phones grew by 120,000 names in six minutes on their way to half a million.
    private const int RememberedEndedChannels = 16;

    private readonly Dictionary<string, ChannelSnapshot> _channels = new(StringComparer.Ordinal);

    // Names of channels that ended lately: a picture that arrives after the final one must not bring a channel back.
    private readonly RecentNames _ended = new(RememberedEndedChannels);
    private ExtensionView? _view;
    private long _version;

    // Not state: the device state last announced on the tenant's event feed (rebuilt on activation: from nothing live, or
    // from the channels an activation on a stopping silo handed over).
    private DeviceState _announced;

    // Queues that found this extension not free while they had callers waiting, told once when it is free. Not part of
    // the state: a queue that loses this list with a silo looks at its members again after the loss.
    private readonly HashSet<string> _waitingQueues = new(StringComparer.Ordinal);

    private string Number => TenantKey.NameOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _announced = CurrentDeviceState();
        KeepAliveWhile(state.State.Exists || _channels.Count > 0 || _waitingQueues.Count > 0);
        return Task.CompletedTask;
    }

    public async Task<PbxResult> ConfigureAsync(ExtensionConfig config)
    {
        if (config.Number != Number)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, $"number {config.Number} does not match extension {Number}");
        }

        if (ExtensionRules.Check(config) is { Any: true } problems)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        state.State = state.State with { Config = config, Exists = true };
        await state.WriteStateAsync();
        Changed();
        return PbxResult.Ok;
    }

    public async Task RemoveAsync()
    {
        await state.ClearStateAsync();
        state.State = new ExtensionState();
        Changed();
        if (_channels.Count == 0)
        {
            // Nothing left to show. With live channels it stays until they end (Changed keeps it alive until then).
            DeactivateOnIdle();
        }
    }

    public Task<ExtensionView> GetAsync() => Task.FromResult(_view ??= BuildView());

    public Task<DeviceState> WatchUntilFreeAsync(string queue)
    {
        var deviceState = (_view ??= BuildView()).DeviceState;
        if (!DeviceStateRules.IsFree(deviceState) && _waitingQueues.Add(queue))
        {
            KeepAliveWhile(true);
        }

        return Task.FromResult(deviceState);
    }

    public async Task<PbxResult> RegisterAsync(Registration registration)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.ExtensionNotFound, Number);
        }

        if (ExtensionRules.CheckRegistration(registration) is { Any: true } problems)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        state.State = state.State with { Registration = registration with { RegisteredAt = clock.Now } };
        await state.WriteStateAsync();
        Changed();
        return PbxResult.Ok;
    }

    public async Task<PbxResult> UnregisterAsync()
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.ExtensionNotFound, Number);
        }

        state.State = state.State with { Registration = null };
        await state.WriteStateAsync();
        Changed();
        return PbxResult.Ok;
    }

    public async Task<PbxResult> SetPhoneAsync(PhoneBehaviour behaviour)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.ExtensionNotFound, Number);
        }

        if (ExtensionRules.CheckPhone(behaviour) is { Any: true } problems)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        state.State = state.State with { Config = state.State.Config! with { Phone = behaviour } };
        await state.WriteStateAsync();
        Changed();
        return PbxResult.Ok;
    }

    public Task OnChannelChangedAsync(ChannelSnapshot channel, DateTimeOffset at)
    {
        if (_ended.Contains(channel.Name) || (_channels.TryGetValue(channel.Name, out var known) && known.Version >= channel.Version))
        {
            return Task.CompletedTask;
        }

        if (channel.IsHungUp)
        {
            _channels.Remove(channel.Name);
            RememberEnded(channel.Name);
        }
        else
        {
            _channels[channel.Name] = channel;
        }

        Changed(at);
        return Task.CompletedTask;
    }

    private void RememberEnded(string name) => _ended.Add(name);

    /// <summary>
    /// The extension's picture changed, at <paramref name="at"/> (a call's instant; else now): a queue waiting for this
    /// member hears, when it is free, that it was freed then.
    /// </summary>
    private void Changed(DateTimeOffset? at = null)
    {
        _version++;
        _view = null;
        if (_waitingQueues.Count > 0 && DeviceStateRules.IsFree((_view = BuildView()).DeviceState))
        {
            var tenant = TenantKey.TenantOf(this.GetPrimaryKeyString());
            foreach (var queue in _waitingQueues)
            {
                GrainFactory.Ref<IQueueGrain>(TenantKey.Of(tenant, queue)).OnMemberFreedAsync(Number, at ?? clock.Now).Ignore();
            }

            _waitingQueues.Clear();
        }

        KeepAliveWhile(state.State.Exists || _channels.Count > 0 || _waitingQueues.Count > 0);
        AnnounceDeviceState(at ?? clock.Now);
    }

    private DeviceState CurrentDeviceState() => state.State.Exists
        ? DeviceStateRules.Derive(state.State.Registration is not null, (state.State.Config ?? new ExtensionConfig { Number = Number }).Phone.Mode, _channels.Values)
        : DeviceState.Invalid;

    /// <summary>
    /// Tells the tenant's event feed when the device state changes (what a manager's DeviceStateChange shows). One way
    /// to a hub, which awaits nothing: the extension still awaits no grain. The change is dated <paramref name="at"/>,
    /// the instant of the call's step that caused it, not when the extension heard of it.
    /// </summary>
    private void AnnounceDeviceState(DateTimeOffset at)
    {
        var now = CurrentDeviceState();
        if (now == _announced)
        {
            return;
        }

        _announced = now;
        var config = state.State.Config ?? new ExtensionConfig { Number = Number };
        var key = this.GetPrimaryKeyString();
        var e = new CallEvent
        {
            Kind = CallEventKind.DeviceStateChanged,
            At = at,
            Extension = Number,
            Device = config.Device,
            DeviceState = now,
            Context = config.Dialplan,
        };
        GrainFactory.Ref<ICallEventHubGrain>(CallEventShards.KeyOf(TenantKey.TenantOf(key), Number)).PublishAsync([e]).Ignore();
    }

    private ExtensionView BuildView()
    {
        var config = state.State.Config ?? new ExtensionConfig { Number = Number };
        var channels = _channels.Values.OrderBy(c => c.Created).ThenBy(c => c.Name, StringComparer.Ordinal).ToImmutableArray();
        return new ExtensionView
        {
            Config = config,
            Exists = state.State.Exists,
            Registration = state.State.Registration,
            Channels = channels,
            DeviceState = CurrentDeviceState(),
            Version = _version,
        };
    }
}

[GenerateSerializer, Alias("pbx.extension-state")]
public sealed record class ExtensionState
{
    [Id(0)] public bool Exists { get; init; }

    [Id(1)] public ExtensionConfig? Config { get; init; }

    [Id(2)] public Registration? Registration { get; init; }
}
