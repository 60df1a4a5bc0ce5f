using System.Collections.Immutable;

namespace PbxGrains.Abstractions.Model;

/// <summary>app_queue's names of queue strategies, as its configuration, its manager and the products built on it use them.</summary>
public static class QueueStrategyNames
{
    /// <summary>The names app_queue accepts, in the order Issabel's queue resource lists them.</summary>
    public static readonly ImmutableArray<string> Asterisk = ["ringall", "leastrecent", "fewestcalls", "random", "rrmemory", "rrordered", "linear"];

    /// <summary>app_queue's <c>int2strat</c>: the name of <paramref name="strategy"/>.</summary>
    public static string AsteriskName(this QueueStrategy strategy) => strategy switch
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

    /// <summary>app_queue's <c>strat2int</c> for one of <see cref="Asterisk"/>; null for any other name.</summary>
    public static QueueStrategy? FromAsteriskName(string name) => name switch
    {
        "ringall" => QueueStrategy.RingAll,
        "leastrecent" => QueueStrategy.LeastRecent,
        "fewestcalls" => QueueStrategy.FewestCalls,
        "random" => QueueStrategy.Random,
        "rrmemory" => QueueStrategy.RrMemory,
        "rrordered" => QueueStrategy.RoundRobin,
        "linear" => QueueStrategy.Linear,
        _ => null,
    };
}
