using System.Globalization;
using PbxGrains.Client;
using PbxGrains.Grains.Simulation.Stepping;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// How fast the call model's clock runs (section <c>Pbx:Clock</c>). The clock is the process's, shared by its tenants,
/// so only the host's configuration sets it; a scenario that names another speed is refused. Only the call model's
/// clock is scaled: Orleans keeps real time for membership and messaging. An API-only process needs the silos' speed
/// too, so that the times it stamps agree with theirs.
/// </summary>
public sealed class ClockOptions
{
    public const string SectionName = $"{PbxOptions.Root}:Clock";

    /// <summary>
    /// Beyond this a scaled second lasts less than a tenth of a real millisecond, shorter than the silo's own turn
    /// around a timer message, and the simulation would no longer keep up with its clock.
    /// </summary>
    public const double MaxSpeed = 10000;

    /// <summary>Simulated seconds per real second; 1 is real time.</summary>
    public double Speed { get; set; } = 1;

    /// <summary>
    /// The paced exact clock: events are taken one at a time in the order they are due, each with all its consequences
    /// before the next, at <see cref="Speed"/> (<see cref="PacedDriver"/>). A run is then the exact sample path of its
    /// seed (the stepped clock's figures) at any speed, and a host that cannot keep up slows its clock down instead of
    /// taking events late. It takes one event at a time, which costs more CPU than the plain scaled clock (a third more at
    /// the highest rates measured, scenarios/README.md), and needs the whole cluster in one process (one silo serving the
    /// API).
    /// </summary>
    public bool Exact { get; set; }

    /// <summary>
    /// Simulated seconds by which timers may fire late on average (over a monitor window) before the host says it is
    /// not keeping up: a warning in the log and a degraded <c>/health/ready</c>. In simulated time because that is the
    /// error the statistics carry: at speed 1000 a timer one real millisecond late is a second late in the simulation.
    /// </summary>
    public double LagWarningSeconds { get; set; } = 1;

    public TimeProvider CreateTime() => Exact
        ? new SteppedTimeProvider(new ScaledTimeProvider(Speed))
        : Speed == 1 ? TimeProvider.System : new ScaledTimeProvider(Speed);

    public static Func<ClockOptions, string, IEnumerable<string>> Check { get; } = static (clock, section) => clock.Problems(section);

    public IEnumerable<string> Problems(string section)
    {
        if (!double.IsFinite(Speed) || Speed <= 0 || Speed > MaxSpeed)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{section}:Speed must be a positive number no greater than {MaxSpeed} (1 is real time); it is {Speed}.");
        }

        if (!double.IsFinite(LagWarningSeconds) || LagWarningSeconds <= 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{section}:LagWarningSeconds must be a positive number of simulated seconds; it is {LagWarningSeconds}.");
        }
    }
}
