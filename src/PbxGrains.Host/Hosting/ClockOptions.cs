using System.Globalization;
using PbxGrains.Client;

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

    public TimeProvider CreateTime() => Speed == 1 ? TimeProvider.System : new ScaledTimeProvider(Speed);

    public static Func<ClockOptions, string, IEnumerable<string>> Check { get; } = static (clock, section) => clock.Problems(section);

    public IEnumerable<string> Problems(string section)
    {
        if (!double.IsFinite(Speed) || Speed <= 0 || Speed > MaxSpeed)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{section}:Speed must be a positive number no greater than {MaxSpeed} (1 is real time); it is {Speed}.");
        }
    }
}
