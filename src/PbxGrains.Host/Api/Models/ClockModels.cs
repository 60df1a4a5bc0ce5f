namespace PbxGrains.Host.Api.Models;

/// <summary>
/// The host's clock: simulated now, simulated seconds per real second, whether it is the paced exact clock
/// (<c>Pbx:Clock:Exact</c>) and then how far it is behind its pace now (simulated seconds), the last lag window, the
/// warning threshold.
/// </summary>
public sealed record class ClockResponse(DateTimeOffset Now, double Speed, bool Exact, double? BehindSeconds, ClockLagResponse? Lag, double LagWarningSeconds);

/// <summary>
/// How late timers fired in the window of <see cref="WindowSeconds"/> real seconds that closed at <see cref="WindowEnd"/>
/// (simulated): on average and at worst, in simulated seconds and in real milliseconds; <see cref="Behind"/> when the
/// mean exceeds the warning threshold.
/// </summary>
public sealed record class ClockLagResponse(
    DateTimeOffset WindowEnd,
    double WindowSeconds,
    long Firings,
    double MeanLateSeconds,
    double MaxLateSeconds,
    double MeanLateRealMilliseconds,
    double MaxLateRealMilliseconds,
    bool Behind);
