using System.Globalization;
using PbxGrains.Abstractions.Client;
using PbxGrains.Host.Scenarios;

namespace PbxGrains.Host.Hosting;

/// <summary>
/// How fast the call model's clock runs: <c>Pbx:Clock:Speed</c> when set, otherwise the <c>clock.speed</c> the
/// start-up scenarios ask for (tenants share their host's clock, so they must agree), otherwise real time. Only the
/// call model's clock is scaled; Orleans keeps real time for membership and messaging.
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
        var speed = ConfiguredSpeed(configuration) ?? ScenarioSpeed(configuration) ?? 1;
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

    /// <summary>
    /// The speed the start-up scenarios ask for, read before the silo exists (the clock must be chosen first). A
    /// scenario that does not load is ignored here: the loader reports it when it loads the scenarios.
    /// </summary>
    private static double? ScenarioSpeed(IConfiguration configuration)
    {
        var options = configuration.GetSection(ScenarioOptions.SectionName).Get<ScenarioOptions>() ?? new();
        if (!options.LoadScenarios || !Directory.Exists(options.ResolvedScenariosPath))
        {
            return null;
        }

        var loader = new ScenarioLoader(PbxClock.System);
        var asked = new List<(string File, double Speed)>();
        foreach (var file in Directory.EnumerateFiles(options.ResolvedScenariosPath).Where(f => ScenarioFormats.FromFileName(f) is not null).Order(StringComparer.Ordinal))
        {
            var definition = loader.Parse(File.ReadAllText(file), ScenarioFormats.FromFileName(file)!.Value).Definition;
            if (definition?.Settings.ClockSpeed is { } speed && speed != 1)
            {
                asked.Add((Path.GetFileName(file), speed));
            }
        }

        if (asked.Select(a => a.Speed).Distinct().Count() > 1)
        {
            throw new HostConfigurationException(
                $"The start-up scenarios ask for different clock speeds ({string.Join(", ", asked.Select(a => $"{a.File}: {a.Speed.ToString(CultureInfo.InvariantCulture)}"))}); " +
                $"tenants share their host's clock, so set {SpeedKey} or make them agree.");
        }

        return asked.Count == 0 ? null : asked[0].Speed;
    }
}
