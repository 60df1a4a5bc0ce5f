using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios;

/// <summary>Traffic generators and the clock.</summary>
public sealed partial class ScenarioValidator
{
    private const double MaxCallsPerHour = 1_000_000;
    private const double MaxClockSpeed = 10_000;

    private double ClockSpeed(ClockDocument? clock)
    {
        if (clock?.Speed is not { } speed)
        {
            return 1;
        }

        if (double.IsNaN(speed) || speed <= 0 || speed > MaxClockSpeed)
        {
            _errors.Add("clock.speed", $"must be above 0 and at most {MaxClockSpeed}");
            return 1;
        }

        return speed;
    }

    private ImmutableArray<TrafficConfig> Traffic(List<TrafficDocument>? generators, List<ValidExtension> extensions, List<ValidQueue> queues, List<ValidRingGroup> ringGroups)
    {
        var extensionNumbers = extensions.Select(e => e.Config.Number).ToHashSet(StringComparer.Ordinal);

        // What the call model resolves (TenantIndex.Resolve): extension, queue (name or number) and ring group numbers
        // as written; public numbers with or without their '+', so "+3225554002" and "3225554002" both reach one.
        var exact = extensionNumbers
            .Concat(queues.SelectMany(q => new[] { q.Config.Name, q.Config.Number ?? "" }).Where(n => n.Length > 0))
            .Concat(ringGroups.Select(r => r.Config.Number))
            .ToHashSet(StringComparer.Ordinal);
        var publicNumbers = extensions.Select(e => e.Config.PublicNumber).OfType<string>().Where(n => n.Length > 0)
            .Select(n => n.TrimStart('+')).ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<TrafficConfig>();
        for (var i = 0; i < (generators?.Count ?? 0); i++)
        {
            var traffic = generators![i];
            var path = ScenarioErrors.Item("traffic", i);
            var name = Required(traffic.Name, ScenarioErrors.Child(path, "name"));
            if (name is not null && (name.Length > 80 || name.Any(c => c is '/' || char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                _errors.Add(ScenarioErrors.Child(path, "name"), "must be 1 to 80 characters without '/' or spaces");
                name = null;
            }

            if (name is not null && !names.TryAdd(name, path))
            {
                _errors.Add(ScenarioErrors.Child(path, "name"), $"traffic '{name}' is already defined by {names[name]}");
                name = null;
            }

            var kind = Choice(traffic.Kind, ScenarioErrors.Child(path, "kind"), Choices.TrafficKinds, TrafficKind.Inbound);
            var config = new TrafficConfig
            {
                Name = name ?? "",
                Kind = kind,
                Target = traffic.Target ?? "",
                CallsPerHour = Rate(traffic.CallsPerHour, ScenarioErrors.Child(path, "callsPerHour")),
                HourlyProfile = Profile(traffic.HourlyProfile, ScenarioErrors.Child(path, "hourlyProfile")),
                Patience = Distribution(traffic.Patience, ScenarioErrors.Child(path, "patience")),
                TalkTime = Distribution(traffic.TalkTime, ScenarioErrors.Child(path, "talkTime")),
                CallerIds = [.. traffic.CallerIds ?? []],
                CallerIdPattern = traffic.CallerIdPattern ?? new TrafficConfig { Name = "" }.CallerIdPattern,
                Sources = [.. traffic.Sources ?? []],
                Destinations = [.. traffic.Destinations ?? []],
                Enabled = traffic.Enabled ?? true,
                Trunk = Identifier(traffic.Trunk, ScenarioErrors.Child(path, "trunk"), 40, required: false) ?? "",
                InitialCalls = Whole(traffic.InitialCalls, ScenarioErrors.Child(path, "initialCalls"), 0, 0, 10_000),
            };

            if (kind == TrafficKind.Inbound)
            {
                if (Required(traffic.Target, ScenarioErrors.Child(path, "target")) is { } target && !exact.Contains(target) && !publicNumbers.Contains(target.TrimStart('+')))
                {
                    _errors.Add(ScenarioErrors.Child(path, "target"), $"'{target}' is no extension, public number, queue or ring group of this scenario");
                }
            }

            for (var s = 0; s < config.Sources.Length; s++)
            {
                if (!extensionNumbers.Contains(config.Sources[s]))
                {
                    _errors.Add(ScenarioErrors.Item(ScenarioErrors.Child(path, "sources"), s), $"extension '{config.Sources[s]}' is not defined in this scenario");
                }
            }

            if (Grains.Directory.TrafficRules.Validate(config) is { } problem && name is not null)
            {
                // The call model's own rules, for what the checks above do not cover (patterns, kinds' needs).
                var colon = problem.IndexOf(':', StringComparison.Ordinal);
                _errors.Add(ScenarioErrors.Child(path, problem[..colon]), problem[(colon + 2)..]);
            }

            if (name is not null)
            {
                result.Add(config);
            }
        }

        return result.ToImmutable();
    }

    private double Rate(double? value, string path)
    {
        if (value is not { } rate)
        {
            _errors.Add(path, "is required");
            return 0;
        }

        if (double.IsNaN(rate) || rate is < 0 or > MaxCallsPerHour)
        {
            _errors.Add(path, $"must be between 0 and {MaxCallsPerHour}");
            return 0;
        }

        return rate;
    }

    private ImmutableArray<double> Profile(List<double>? factors, string path)
    {
        if (factors is null)
        {
            return [];
        }

        if (factors.Count != 24 || factors.Any(f => double.IsNaN(f) || double.IsInfinity(f) || f < 0))
        {
            _errors.Add(path, "must be 24 factors (one per hour of the day), none negative");
            return [];
        }

        return [.. factors];
    }
}
