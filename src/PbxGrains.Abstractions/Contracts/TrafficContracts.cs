using System.Collections.Immutable;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Abstractions.Contracts;

public enum TrafficKind
{
    /// <summary>Calls from outside arriving on the trunk and dialling a number of the PBX (a queue, DID, extension, ring group).</summary>
    Inbound = 0,

    /// <summary>Extensions dialling outside numbers.</summary>
    Outbound = 1,

    /// <summary>Extensions dialling each other.</summary>
    Internal = 2,
}

/// <summary>
/// A traffic generator: Poisson arrivals at <see cref="CallsPerHour"/>, optionally shaped over the day by
/// <see cref="HourlyProfile"/>. Every random draw comes from <see cref="Seed"/>, so the same configuration gives the
/// same calls.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.traffic-config")]
public sealed record class TrafficConfig
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public TrafficKind Kind { get; init; } = TrafficKind.Inbound;

    /// <summary>Inbound: the number dialled (a queue's number or name, a DID, an extension, a ring group).</summary>
    [Id(2)] public string Target { get; init; } = "";

    [Id(3)] public double CallsPerHour { get; init; }

    /// <summary>Empty, or 24 factors (one per hour of the simulated day, UTC) that multiply the rate.</summary>
    [Id(4)] public ImmutableArray<double> HourlyProfile { get; init; } = [];

    /// <summary>Inbound callers hang up after waiting this long in a queue; null means they never give up.</summary>
    [Id(5)] public Distribution? Patience { get; init; }

    /// <summary>The calling side hangs up this long after being connected (the handle time when it is the caller who ends).</summary>
    [Id(6)] public Distribution? TalkTime { get; init; }

    /// <summary>Inbound caller ids to draw from; when empty, <see cref="CallerIdPattern"/> makes them.</summary>
    [Id(7)] public ImmutableArray<string> CallerIds { get; init; } = [];

    /// <summary>A number in which every 'X' becomes a random digit.</summary>
    [Id(8)] public string CallerIdPattern { get; init; } = "04XXXXXXXX";

    /// <summary>Outbound and internal: the extensions that place the calls (one that is not free is skipped).</summary>
    [Id(9)] public ImmutableArray<string> Sources { get; init; } = [];

    /// <summary>Outbound and internal: the numbers dialled ('X' is a random digit); internal traffic without any dials the other sources.</summary>
    [Id(10)] public ImmutableArray<string> Destinations { get; init; } = [];

    /// <summary>Whether the generator runs once loaded.</summary>
    [Id(11)] public bool Enabled { get; init; } = true;

    /// <summary>The seed of the generator's draws; the tenant derives it from its own seed and the generator's name.</summary>
    [Id(12)] public int Seed { get; init; }

    /// <summary>The trunk inbound calls arrive on; empty for the tenant's trunk.</summary>
    [Id(13)] public string Trunk { get; init; } = "";

    /// <summary>Calls placed at once when the generator starts, before the Poisson arrivals (a demo is busy at once).</summary>
    [Id(14)] public int InitialCalls { get; init; }

    /// <summary>
    /// The simulated instant the generator starts from (the initial calls, then the first arrival drawn after it);
    /// null: whenever it is started. An instant already past when it starts is kept: the overdue arrivals are placed
    /// at once, each stamped with its own instant, so a study's arrivals do not depend on how long loading took.
    /// </summary>
    [Id(15)] public DateTimeOffset? StartAt { get; init; }

    /// <summary>No arrival at or after this simulated instant (a study's scheduled end; calls already placed go on); null: none.</summary>
    [Id(16)] public DateTimeOffset? StopAt { get; init; }
}

[GenerateSerializer, Immutable, Alias("pbx.traffic")]
public sealed record class TrafficView
{
    [Id(0)] public required TrafficConfig Config { get; init; }

    [Id(1)] public bool Running { get; init; }

    /// <summary>Calls placed since the generator was configured.</summary>
    [Id(2)] public long Placed { get; init; }

    /// <summary>Arrivals that placed no call (no free source extension, or the call was refused).</summary>
    [Id(3)] public long Skipped { get; init; }

    [Id(4)] public DateTimeOffset? NextArrival { get; init; }

    [Id(5)] public bool Exists { get; init; }
}
