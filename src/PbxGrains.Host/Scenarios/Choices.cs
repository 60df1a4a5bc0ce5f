using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Host.Scenarios;

/// <summary>The words a scenario uses for the call model's enums; the first name of each value is the documented one.</summary>
public static class Choices
{
    /// <summary>The documented word for a value, so that what the API prints can be pasted into a scenario.</summary>
    public static string NameOf<T>(IReadOnlyList<(string Name, T Value)> choices, T value) where T : struct, Enum =>
        choices.FirstOrDefault(c => EqualityComparer<T>.Default.Equals(c.Value, value)).Name ?? value.ToString();

    public static readonly (string Name, ExternalOutcome Value)[] Outcomes =
    [
        ("answer", ExternalOutcome.Answer),
        ("busy", ExternalOutcome.Busy),
        ("noAnswer", ExternalOutcome.NoAnswer),
        ("congestion", ExternalOutcome.Congestion),
    ];

    public static readonly (string Name, FaultKind Value)[] FaultKinds =
        [.. Enum.GetValues<FaultKind>().Select(k => (Abstractions.Contracts.FaultKinds.NameOf(k), k))];

    public static readonly (string Name, TrafficKind Value)[] TrafficKinds =
    [
        ("inbound", TrafficKind.Inbound),
        ("outbound", TrafficKind.Outbound),
        ("internal", TrafficKind.Internal),
    ];

    public static readonly (string Name, PhoneMode Value)[] PhoneModes =
    [
        ("manual", PhoneMode.Manual),
        ("autoAnswer", PhoneMode.AutoAnswer),
        ("busy", PhoneMode.Busy),
        ("dnd", PhoneMode.DoNotDisturb),
        ("doNotDisturb", PhoneMode.DoNotDisturb),
        ("noAnswer", PhoneMode.NoAnswer),
        ("reject", PhoneMode.Reject),
    ];

    public static readonly (string Name, QueueStrategy Value)[] QueueStrategies =
    [
        ("ringall", QueueStrategy.RingAll),
        ("rrordered", QueueStrategy.RoundRobin),
        ("roundrobin", QueueStrategy.RoundRobin),
        ("leastrecent", QueueStrategy.LeastRecent),
        ("fewestcalls", QueueStrategy.FewestCalls),
        ("random", QueueStrategy.Random),
        ("linear", QueueStrategy.Linear),
        ("rrmemory", QueueStrategy.RrMemory),
    ];

    public static readonly (string Name, RingGroupStrategy Value)[] RingGroupStrategies =
    [
        ("ringall", RingGroupStrategy.RingAll),
        ("ringall-prim", RingGroupStrategy.RingAllPrim),
        ("hunt", RingGroupStrategy.Hunt),
        ("hunt-prim", RingGroupStrategy.HuntPrim),
        ("memoryhunt", RingGroupStrategy.MemoryHunt),
        ("memoryhunt-prim", RingGroupStrategy.MemoryHuntPrim),
        ("firstavailable", RingGroupStrategy.FirstAvailable),
        ("firstnotonphone", RingGroupStrategy.FirstNotOnPhone),
    ];
}
