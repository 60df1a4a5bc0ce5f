using PbxGrains.Abstractions.Contracts;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Host.Api.Models;

/// <summary>A traffic generator: its configuration and what it has done.</summary>
public sealed record class TrafficResponse(
    string Name,
    string Kind,
    string Target,
    double CallsPerHour,
    bool Running,
    long Placed,
    long Skipped,
    DateTimeOffset? NextArrival,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Destinations,
    IReadOnlyList<double> HourlyProfile,
    int InitialCalls);

public sealed record class TrafficRateBody(double? CallsPerHour);

public static class TrafficMapping
{
    public static TrafficResponse AsResponse(this TrafficView view) => new(
        view.Config.Name,
        Choices.NameOf(Choices.TrafficKinds, view.Config.Kind),
        view.Config.Target,
        view.Config.CallsPerHour,
        view.Running,
        view.Placed,
        view.Skipped,
        view.NextArrival,
        view.Config.Sources,
        view.Config.Destinations,
        view.Config.HourlyProfile.IsDefault ? [] : view.Config.HourlyProfile,
        view.Config.InitialCalls);
}
