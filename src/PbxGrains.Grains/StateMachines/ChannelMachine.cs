using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.StateMachines;

/// <summary>
/// The rules of one call leg. Each transition takes the current picture and returns the next one (with a higher
/// version) or a typed refusal; it never mutates and never throws for an illegal request.
/// </summary>
public static class ChannelMachine
{
    private const int MaxVariableNameLength = 80;

    /// <summary>A ringing leg is answered (the called phone picks up, or the PBX answers a calling leg).</summary>
    public static PbxResult<ChannelSnapshot> Answer(ChannelSnapshot channel, DateTimeOffset at)
    {
        if (Live(channel) is { } refused)
        {
            return refused;
        }

        return channel.State is ChannelState.Ringing or ChannelState.Ring
            ? Next(channel with { State = ChannelState.Up, Answered = channel.Answered ?? at })
            : PbxResult<ChannelSnapshot>.Fail(DomainError.ChannelNotRinging, $"{channel.Name} is {channel.State}, not ringing");
    }

    /// <summary>The called phone signals busy (it declined or cannot take the call).</summary>
    public static PbxResult<ChannelSnapshot> Busy(ChannelSnapshot channel)
    {
        if (Live(channel) is { } refused)
        {
            return refused;
        }

        return channel.State == ChannelState.Ringing
            ? Next(channel with { State = ChannelState.Busy })
            : PbxResult<ChannelSnapshot>.Fail(DomainError.ChannelNotRinging, $"{channel.Name} is {channel.State}, not ringing");
    }

    public static PbxResult<ChannelSnapshot> Hold(ChannelSnapshot channel)
    {
        if (RequireUp(channel) is { } refused)
        {
            return refused;
        }

        if (channel.ParkedSlot is not null)
        {
            return PbxResult<ChannelSnapshot>.Fail(DomainError.IllegalTransition, $"{channel.Name} is parked");
        }

        return channel.OnHold
            ? PbxResult<ChannelSnapshot>.Fail(DomainError.ChannelOnHold, $"{channel.Name} is already on hold")
            : Next(channel with { OnHold = true });
    }

    public static PbxResult<ChannelSnapshot> Unhold(ChannelSnapshot channel)
    {
        if (RequireUp(channel) is { } refused)
        {
            return refused;
        }

        return channel.OnHold
            ? Next(channel with { OnHold = false })
            : PbxResult<ChannelSnapshot>.Fail(DomainError.ChannelNotOnHold, $"{channel.Name} is not on hold");
    }

    /// <summary>The leg leaves its bridge and waits in a parking slot.</summary>
    public static PbxResult<ChannelSnapshot> Park(ChannelSnapshot channel, int slot)
    {
        if (RequireUp(channel) is { } refused)
        {
            return refused;
        }

        if (channel.ParkedSlot is not null)
        {
            return PbxResult<ChannelSnapshot>.Fail(DomainError.IllegalTransition, $"{channel.Name} is already parked in {channel.ParkedSlot}");
        }

        if (channel.SpyTarget is not null)
        {
            return PbxResult<ChannelSnapshot>.Fail(DomainError.IllegalTransition, $"{channel.Name} is spying");
        }

        return Next(channel with { ParkedSlot = slot, OnHold = false, LinkedChannel = null, Application = "Parked" });
    }

    public static PbxResult<ChannelSnapshot> Unpark(ChannelSnapshot channel)
    {
        if (RequireUp(channel) is { } refused)
        {
            return refused;
        }

        return channel.ParkedSlot is null
            ? PbxResult<ChannelSnapshot>.Fail(DomainError.IllegalTransition, $"{channel.Name} is not parked")
            : Next(channel with { ParkedSlot = null, Application = "Bridge" });
    }

    /// <summary>An answered spy leg starts listening to (or whispering into, or barging into) the target.</summary>
    public static PbxResult<ChannelSnapshot> StartSpy(ChannelSnapshot spy, ChannelSnapshot target, SpyMode mode)
    {
        if (RequireUp(spy) is { } refused)
        {
            return refused;
        }

        if (spy.Name == target.Name || (spy.EndpointKind == EndpointKind.Extension && spy.Endpoint == target.Endpoint && target.EndpointKind == EndpointKind.Extension))
        {
            return PbxResult<ChannelSnapshot>.Fail(DomainError.SpyOnSelf, $"{spy.Name} cannot spy on its own line");
        }

        if (target.IsHungUp || target.State != ChannelState.Up)
        {
            return PbxResult<ChannelSnapshot>.Fail(DomainError.SpyTargetNotUp, $"{target.Name} is not up");
        }

        return Next(spy with { SpyTarget = target.Name, SpyMode = mode, Application = "ChanSpy" });
    }

    /// <summary>Bridges the leg to a peer (and shows the peer as the connected line).</summary>
    public static PbxResult<ChannelSnapshot> Link(ChannelSnapshot channel, ChannelSnapshot peer, string application)
    {
        if (RequireUp(channel) is { } refused)
        {
            return refused;
        }

        return Next(channel with
        {
            LinkedChannel = peer.Name,
            ConnectedLineNumber = peer.CallerIdNumber,
            ConnectedLineName = peer.CallerIdName,
            Application = application,
        });
    }

    public static PbxResult<ChannelSnapshot> Unlink(ChannelSnapshot channel) =>
        Live(channel) is { } refused ? refused : Next(channel with { LinkedChannel = null });

    /// <summary>Changes what the leg does without changing its state (application, queue, connected line).</summary>
    public static PbxResult<ChannelSnapshot> Describe(ChannelSnapshot channel, Func<ChannelSnapshot, ChannelSnapshot> change) =>
        Live(channel) is { } refused ? refused : Next(change(channel));

    public static PbxResult<ChannelSnapshot> Hangup(ChannelSnapshot channel, HangupCause cause) =>
        Live(channel) is { } refused
            ? refused
            : Next(channel with { State = ChannelState.Down, HangupCause = cause, OnHold = false, LinkedChannel = null, SpyTarget = null });

    public static PbxResult<ChannelSnapshot> SetVariable(ChannelSnapshot channel, string name, string value)
    {
        if (Live(channel) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxVariableNameLength || name.Any(c => char.IsWhiteSpace(c) || c == '=' || char.IsControl(c)))
        {
            return PbxResult<ChannelSnapshot>.Fail(DomainError.InvalidArgument, $"'{name}' is not a valid variable name");
        }

        return Next(channel with { Variables = channel.Variables.SetItem(name, value ?? "") });
    }

    public static PbxResult<ChannelSnapshot> SetRecording(ChannelSnapshot channel, bool on, string? file)
    {
        if (RequireUp(channel) is { } refused)
        {
            return refused;
        }

        // A blank name means "no name given": recording resumes into the previous file, if there is one.
        var name = string.IsNullOrWhiteSpace(file) ? channel.RecordingFile : file;
        if (on && name is null)
        {
            return PbxResult<ChannelSnapshot>.Fail(DomainError.InvalidArgument, "a recording needs a file name");
        }

        if (on == channel.Recording && (!on || name == channel.RecordingFile))
        {
            return PbxResult<ChannelSnapshot>.Fail(DomainError.IllegalTransition, on ? $"{channel.Name} is already recording" : $"{channel.Name} is not recording");
        }

        return Next(channel with { Recording = on, RecordingFile = on ? name : channel.RecordingFile });
    }

    private static PbxResult<ChannelSnapshot> Next(ChannelSnapshot channel) => PbxResult<ChannelSnapshot>.Success(channel with { Version = channel.Version + 1 });

    private static PbxResult<ChannelSnapshot>? Live(ChannelSnapshot channel) =>
        channel.IsHungUp ? PbxResult<ChannelSnapshot>.Fail(DomainError.CallEnded, $"{channel.Name} has hung up") : null;

    private static PbxResult<ChannelSnapshot>? RequireUp(ChannelSnapshot channel) =>
        Live(channel) ?? (channel.State == ChannelState.Up
            ? null
            : PbxResult<ChannelSnapshot>.Fail(DomainError.ChannelNotUp, $"{channel.Name} is {channel.State}, not up"));
}
