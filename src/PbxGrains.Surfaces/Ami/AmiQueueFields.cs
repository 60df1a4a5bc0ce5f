using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>How app_queue names and prints a queue's parts in the manager.</summary>
public static class AmiQueueFields
{
    /// <summary>app_queue's <c>int2strat</c>.</summary>
    public static string StrategyName(QueueStrategy strategy) => strategy switch
    {
        QueueStrategy.RingAll => "ringall",
        QueueStrategy.RoundRobin => "rrordered",
        QueueStrategy.LeastRecent => "leastrecent",
        QueueStrategy.FewestCalls => "fewestcalls",
        QueueStrategy.Random => "random",
        QueueStrategy.Linear => "linear",
        QueueStrategy.RrMemory => "rrmemory",
        _ => "ringall",
    };

    /// <summary>A member's device state; the queue's picture tells in-call and wrap-up, not ringing.</summary>
    public static DeviceState StatusOf(QueueMemberView member) => member.InCall || member.BusyWithCall is not null ? DeviceState.InUse : DeviceState.NotInUse;

    /// <summary>Asterisk's <c>ast_devstate2str</c>, as <c>queue show</c> prints a member's state.</summary>
    public static string StateText(DeviceState state) => state switch
    {
        DeviceState.NotInUse => "Not in use",
        DeviceState.InUse => "In use",
        DeviceState.Busy => "Busy",
        DeviceState.Invalid => "Invalid",
        DeviceState.Unavailable => "Unavailable",
        DeviceState.Ringing => "Ringing",
        DeviceState.RingInUse => "Ring+Inuse",
        DeviceState.OnHold => "On Hold",
        _ => "Unknown",
    };

    public static string Seconds(DateTimeOffset? at) => at is { } t ? t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : "0";

    /// <summary>app_queue's service level: the share of completed calls answered within it (a percentage with one decimal).</summary>
    public static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
