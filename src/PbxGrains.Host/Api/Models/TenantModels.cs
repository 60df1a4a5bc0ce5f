using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Settings;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Host.Api.Models;

public sealed record class TenantListResponse(IReadOnlyList<string> Tenants);

/// <summary>How the request that asked was resolved: its tenant, where that came from, and the path prefix removed.</summary>
public sealed record class RequestContextResponse(string Tenant, TenantSource Source, string PathBase);

/// <summary>
/// A tenant's settings and catalogue, with how many calls are live and the speed of the host's clock they run on.
/// Secrets in <see cref="Surfaces"/> are write-only: a set one shows as <c>(set)</c>, never its value.
/// </summary>
public sealed record class TenantResponse(
    string Id,
    string Name,
    string Trunk,
    int Seed,
    string OutsidePrefix,
    IReadOnlyList<OutsideRuleResponse> OutsideWorld,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Surfaces,
    IReadOnlyList<string> Extensions,
    IReadOnlyList<string> Queues,
    IReadOnlyList<string> Agents,
    IReadOnlyList<string> RingGroups,
    IReadOnlyList<string> ParkingLots,
    IReadOnlyList<string> Traffic,
    double ClockSpeed,
    int LiveCalls,
    DateTimeOffset Created,
    long Version);

public sealed record class OutsideRuleResponse(
    string Pattern,
    ExternalOutcome Outcome,
    DistributionResponse Delay,
    DistributionResponse? TalkTime,
    double AnswerProbability);

/// <summary>A duration distribution in seconds: its kind, mean and the parameters that kind has.</summary>
public sealed record class DistributionResponse(DistributionKind Kind, double Mean, double? Min = null, double? Max = null, double? Sd = null);

public static class TenantMapping
{
    /// <param name="clockSpeed">The host's clock speed: the one the tenant's calls run at.</param>
    /// <param name="schemas">What tells a secret setting from one that may be shown.</param>
    public static TenantResponse AsResponse(this TenantView view, int liveCalls, double clockSpeed, SurfaceSettingsSchemas schemas) => new(
        view.Id,
        view.Settings.DisplayName,
        view.Settings.Trunk,
        view.Settings.Seed,
        view.Settings.OutsidePrefix,
        [.. view.Settings.OutsideWorld.Select(r => r.AsResponse())],
        schemas.Redacted(view.Settings.Surfaces),
        view.Extensions,
        view.Queues,
        view.Agents,
        view.RingGroups,
        view.ParkingLots,
        view.Traffic,
        clockSpeed,
        liveCalls,
        view.Created,
        view.Version);

    public static OutsideRuleResponse AsResponse(this ExternalRule rule) =>
        new(rule.Pattern, rule.Outcome, rule.Delay.AsResponse(), rule.TalkTime?.AsResponse(), rule.AnswerProbability);

    public static DistributionResponse AsResponse(this Distribution distribution) => distribution.Kind switch
    {
        DistributionKind.Uniform => new(distribution.Kind, distribution.Mean, Min: distribution.A, Max: distribution.B),
        DistributionKind.LogNormal => new(distribution.Kind, distribution.Mean, Sd: distribution.B),
        _ => new(distribution.Kind, distribution.Mean),
    };
}
