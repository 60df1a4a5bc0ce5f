namespace PbxGrains.Abstractions.Model;

/// <summary>app_queue strategies.</summary>
public enum QueueStrategy
{
    RingAll = 0,

    /// <summary>rrordered: round robin in member order, remembering where the last call went.</summary>
    RoundRobin = 1,
    LeastRecent = 2,
    FewestCalls = 3,
    Random = 4,
    Linear = 5,
    RrMemory = 6,
}
