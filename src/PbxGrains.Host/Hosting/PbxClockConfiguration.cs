using System.Globalization;
using PbxGrains.Abstractions.Client;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// How fast the call model's clock runs: <c>Pbx:Clock:Speed</c>, else real time. The clock is the process's, shared by
/// its tenants, so a scenario cannot set it (one that names another speed is refused). Only the call model's clock is
/// scaled; Orleans keeps real time for membership and messaging.
/// </summary>
public static class PbxClockConfiguration
{
    public const string SpeedKey = "Pbx:Clock:Speed";

    /// <summary>
    /// Beyond this a scaled second lasts less than a tenth of a real millisecond, shorter than the silo's own turn
    /// around a timer message, and the simulation would no longer keep up with its clock.
    /// </summary>
    public const double MaxSpeed = 10000;

    /// <summary>The clock for this host; a speed that is not a positive number up to <see cref="MaxSpeed"/> stops the host.</summary>
    public static TimeProvider CreateTime(IConfiguration configuration)
    {
        var speed = ConfiguredSpeed(configuration) ?? 1;
        return speed == 1 ? TimeProvider.System : new ScaledTimeProvider(speed);
    }

    private static double? ConfiguredSpeed(IConfiguration configuration)
    {
        var text = configuration[SpeedKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed)
            || !double.IsFinite(speed) || speed <= 0 || speed > MaxSpeed)
        {
            throw new HostConfigurationException(
                $"{SpeedKey} must be a positive number no greater than {MaxSpeed.ToString(CultureInfo.InvariantCulture)} (1 is real time); it is '{text}'.");
        }

        return speed;
    }
}
