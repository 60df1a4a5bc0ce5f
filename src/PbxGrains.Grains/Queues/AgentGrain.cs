using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Grains.Catalogue;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Hosting;

namespace PbxGrains.Grains.Queues;

/// <summary>
/// A call-centre agent. Durable: configuration, login and pause. It awaits its queues and its extension, neither of
/// which awaits an agent (queues and calls tell agents things one way), so no waiting cycle can pass through it.
/// </summary>
public sealed class AgentGrain(
    [PersistentState("agent", PbxStorage.Name)] IPersistentState<AgentState> state,
    PbxClock clock) : Grain, IAgentGrain
{
    private string Tenant => TenantKey.TenantOf(this.GetPrimaryKeyString());

    private string Id => TenantKey.NameOf(this.GetPrimaryKeyString());

    public async Task<PbxResult> ConfigureAsync(AgentConfig config)
    {
        if (config.Id != Id)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, $"id {config.Id} does not match agent {Id}");
        }

        if (AgentRules.Check(config) is { Any: true } problems)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, problems.ToString());
        }

        var previous = state.State;
        state.State = previous with { Exists = true, Config = config };
        if (previous.Extension is { } extension)
        {
            // A logged-in agent follows its new memberships at once.
            var removed = previous.Config?.Queues.Where(q => config.Queues.All(n => n.Queue != q.Queue)) ?? [];
            foreach (var membership in removed)
            {
                await Queue(membership.Queue).RemoveMemberAsync(extension);
            }

            await JoinQueuesAsync(extension, config.Queues.Where(q => previous.Config?.Queues.All(o => o.Queue != q.Queue) ?? true));
        }

        await state.WriteStateAsync();
        return PbxResult.Ok;
    }

    public async Task RemoveAsync()
    {
        if (state.State.Extension is not null)
        {
            await LogoutAsync();
        }

        await state.ClearStateAsync();
        state.State = new AgentState();
    }

    public async Task<AgentView?> GetAsync()
    {
        if (!state.State.Exists)
        {
            return null;
        }

        var device = state.State.Extension is { } extension
            ? (await Extension(extension).GetAsync()).DeviceState
            : DeviceState.Unknown;
        return new AgentView
        {
            Config = state.State.Config!,
            Extension = state.State.Extension,
            LoggedInAt = state.State.LoggedInAt,
            Paused = state.State.Paused,
            PauseReason = state.State.PauseReason,
            CallsTaken = state.State.CallsTaken,
            LastCall = state.State.LastCall,
            Status = StatusOf(state.State, device),
        };
    }

    public async Task<PbxResult> LoginAsync(string extension, string? pin)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.AgentNotFound, Id);
        }

        if (pin is not null && pin != state.State.Config!.Pin)
        {
            return PbxResult.Fail(DomainError.AgentWrongPin, $"wrong PIN for agent {Id}");
        }

        if (state.State.Extension is { } current)
        {
            return PbxResult.Fail(DomainError.AgentAlreadyLoggedIn, $"agent {Id} is logged in at {current}");
        }

        var view = await Extension(extension).GetAsync();
        if (!view.Exists)
        {
            return PbxResult.Fail(DomainError.ExtensionNotFound, extension);
        }

        await JoinQueuesAsync(extension, state.State.Config!.Queues);
        state.State = state.State with { Extension = extension, LoggedInAt = clock.Now, Paused = false, PauseReason = "" };
        await state.WriteStateAsync();
        return PbxResult.Ok;
    }

    public async Task<PbxResult> LogoutAsync()
    {
        if (state.State.Extension is not { } extension)
        {
            return PbxResult.Fail(state.State.Exists ? DomainError.AgentNotLoggedIn : DomainError.AgentNotFound, Id);
        }

        await Task.WhenAll(state.State.Config!.Queues.Select(q => Queue(q.Queue).RemoveMemberAsync(extension)));
        state.State = state.State with { Extension = null, LoggedInAt = null, Paused = false, PauseReason = "" };
        await state.WriteStateAsync();
        return PbxResult.Ok;
    }

    public async Task<PbxResult> PauseAsync(bool paused, string reason)
    {
        if (state.State.Extension is not { } extension)
        {
            return PbxResult.Fail(state.State.Exists ? DomainError.AgentNotLoggedIn : DomainError.AgentNotFound, Id);
        }

        await Task.WhenAll(state.State.Config!.Queues.Select(q => Queue(q.Queue).PauseMemberAsync(extension, paused, reason)));
        state.State = state.State with { Paused = paused, PauseReason = paused ? reason : "" };
        await state.WriteStateAsync();
        return PbxResult.Ok;
    }

    public async Task<PbxResult> AddToQueueAsync(string queue, int penalty)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.AgentNotFound, Id);
        }

        if (penalty < 0)
        {
            return PbxResult.Fail(DomainError.InvalidArgument, "penalty: must not be negative");
        }

        var config = state.State.Config!;
        if (config.Queues.Any(q => q.Queue == queue))
        {
            return PbxResult.Fail(DomainError.AgentAlreadyMember, $"agent {Id} is already in queue {queue}");
        }

        if (!(await Queue(queue).GetSnapshotAsync()).Exists)
        {
            return PbxResult.Fail(DomainError.QueueNotFound, queue);
        }

        var membership = new AgentQueueMembership(queue, penalty);
        if (state.State.Extension is { } extension)
        {
            await JoinQueuesAsync(extension, [membership]);
        }

        state.State = state.State with { Config = config with { Queues = config.Queues.Add(membership) } };
        await state.WriteStateAsync();
        return PbxResult.Ok;
    }

    public async Task<PbxResult> RemoveFromQueueAsync(string queue)
    {
        if (!state.State.Exists)
        {
            return PbxResult.Fail(DomainError.AgentNotFound, Id);
        }

        var config = state.State.Config!;
        if (config.Queues.All(q => q.Queue != queue))
        {
            return PbxResult.Fail(DomainError.AgentNotMember, $"agent {Id} is not in queue {queue}");
        }

        if (state.State.Extension is { } extension)
        {
            await Queue(queue).RemoveMemberAsync(extension);
        }

        state.State = state.State with { Config = config with { Queues = config.Queues.RemoveAll(q => q.Queue == queue) } };
        await state.WriteStateAsync();
        return PbxResult.Ok;
    }

    public async Task OnCallTakenAsync(DateTimeOffset at)
    {
        if (state.State.Exists)
        {
            state.State = state.State with { CallsTaken = state.State.CallsTaken + 1, LastCall = at };
            await state.WriteStateAsync();
        }
    }

    private async Task JoinQueuesAsync(string extension, IEnumerable<AgentQueueMembership> memberships)
    {
        var device = (await Extension(extension).GetAsync()).Config.Device;
        var config = state.State.Config!;
        await Task.WhenAll(memberships.Select(m => Queue(m.Queue).AddMemberAsync(new QueueMemberConfig
        {
            Extension = extension,
            Interface = device,
            Penalty = m.Penalty,
            AgentId = Id,
            MemberName = string.IsNullOrEmpty(config.Name) ? Id : config.Name,
            Paused = state.State.Paused,
        })));
    }

    private static AgentStatus StatusOf(AgentState agent, DeviceState device)
    {
        if (agent.Extension is null)
        {
            return AgentStatus.LoggedOut;
        }

        return device switch
        {
            DeviceState.Ringing or DeviceState.RingInUse => AgentStatus.Ringing,
            DeviceState.InUse or DeviceState.Busy or DeviceState.OnHold => AgentStatus.OnCall,
            DeviceState.Unavailable or DeviceState.Invalid => AgentStatus.Unavailable,
            _ => agent.Paused ? AgentStatus.Paused : AgentStatus.Available,
        };
    }

    private IQueueGrain Queue(string name) => GrainFactory.Ref<IQueueGrain>(TenantKey.Of(Tenant, name));

    private IExtensionGrain Extension(string number) => GrainFactory.Ref<IExtensionGrain>(TenantKey.Of(Tenant, number));
}

[GenerateSerializer, Alias("pbx.agent-state")]
public sealed record class AgentState
{
    [Id(0)] public bool Exists { get; init; }

    [Id(1)] public AgentConfig? Config { get; init; }

    [Id(2)] public string? Extension { get; init; }

    [Id(3)] public DateTimeOffset? LoggedInAt { get; init; }

    [Id(4)] public bool Paused { get; init; }

    [Id(5)] public string PauseReason { get; init; } = "";

    [Id(6)] public int CallsTaken { get; init; }

    [Id(7)] public DateTimeOffset? LastCall { get; init; }
}
