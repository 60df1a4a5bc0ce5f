using System.Collections.Immutable;
using Orleans.Concurrency;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Abstractions.Interfaces;

/// <summary>
/// A tenant's incidents (<see cref="FaultKinds.IsIncident"/>): telephony faults that act on the whole tenant at their
/// <c>from</c> (phones unregister, a queue's members go unavailable, a storm of calls, a PBX restart) and are undone at
/// their <c>until</c>, on the call model's clock. Key: the tenant id. The tenant tells it its faults whenever they
/// change and when it activates; it keeps what it undid nothing of yet, so an incident is applied once and undone once.
/// </summary>
[Alias("pbx.IIncidentsGrain")]
public interface IIncidentsGrain : IGrainWithStringKey
{
    /// <summary>The tenant's faults now (only the incidents among them count): applies, undoes and schedules accordingly.</summary>
    [OneWay, Alias("Reschedule")]
    Task RescheduleAsync(ImmutableArray<FaultRule> faults);

    /// <summary>What is applied now: each incident's id, and what it changed (for the control API and tests).</summary>
    [ReadOnly, Alias("Applied")]
    Task<ImmutableArray<AppliedIncident>> AppliedAsync();

    [OneWay, Alias("OnTimer")]
    Task OnTimerAsync(long timerId);

    /// <summary>A per-call telephony fault fired (told one way by the call): kept among the tenant's last ones, for the control API.</summary>
    [OneWay, Alias("Fired")]
    Task FiredAsync(FiredTelephonyFault fired);

    /// <summary>The tenant's last per-call telephony faults that fired, oldest first (not kept across a reactivation).</summary>
    [ReadOnly, Alias("ListFired")]
    Task<ImmutableArray<FiredTelephonyFault>> ListFiredAsync();
}

/// <summary>A per-call telephony fault that fired: which rule, on which call, for which number, when (simulated).</summary>
[GenerateSerializer, Immutable, Alias("pbx.fired-telephony-fault")]
public sealed record class FiredTelephonyFault(
    [property: Id(0)] string Rule,
    [property: Id(1)] FaultKind Kind,
    [property: Id(2)] string Call,
    [property: Id(3)] string Number,
    [property: Id(4)] DateTimeOffset At);

/// <summary>An incident in force, and what it changed, to be undone: phones it unregistered (with their registration), generators' rates before the storm.</summary>
[GenerateSerializer, Immutable, Alias("pbx.applied-incident")]
public sealed record class AppliedIncident
{
    [Id(0)] public required string Rule { get; init; }

    [Id(1)] public long Version { get; init; }

    [Id(2)] public FaultKind Kind { get; init; }

    [Id(3)] public ImmutableDictionary<string, Registration> Unregistered { get; init; } = ImmutableDictionary<string, Registration>.Empty;

    [Id(4)] public ImmutableDictionary<string, double> RatesBefore { get; init; } = ImmutableDictionary<string, double>.Empty;

    /// <summary>A restart: the calls it ended.</summary>
    [Id(5)] public int CallsEnded { get; init; }

    [Id(6)] public DateTimeOffset At { get; init; }
}
