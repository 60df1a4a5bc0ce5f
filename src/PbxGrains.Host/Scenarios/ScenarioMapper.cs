using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Host.Scenarios.Documents;

namespace PbxGrains.Host.Scenarios;

/// <summary>
/// Maps a bound <see cref="ScenarioDocument"/> to a <see cref="TenantDefinition"/>: defaults, shorthands (extension
/// groups, registrations by default, weekday ranges, people and phones merged into their lines) and the words a
/// document uses for values. It reports only what a document can get wrong before there is a definition (a word that
/// names nothing, a day that is no date, a reference its shorthand needs); whether the definition is valid is for
/// <see cref="TenantRules"/> to say, whose problems it reports at the document's paths.
/// </summary>
public sealed partial class ScenarioMapper
{
    private readonly FieldProblems _problems;
    private readonly DateTimeOffset _now;
    private readonly double _clockSpeed;
    private readonly DocumentPaths _paths = new();

    /// <param name="now">The registration time of phones the scenario registers.</param>
    /// <param name="clockSpeed">The speed of this process's clock, which a scenario may name but not change.</param>
    public ScenarioMapper(FieldProblems problems, DateTimeOffset now, double clockSpeed)
    {
        _problems = problems;
        _now = now;
        _clockSpeed = clockSpeed;
    }

    /// <param name="tenant">The tenant the document must define (from a request path), or null to take it from the document.</param>
    /// <returns>The definition, or null when the document or the definition has a problem.</returns>
    public TenantDefinition? Map(ScenarioDocument document, string? tenant)
    {
        var extensions = Extensions(document.Extensions, document.ExtensionGroups);
        var directory = Directory(document.Directory, extensions);
        var queues = Queues(document.Queues, extensions);
        var agents = Agents(document.Agents, out var logins);
        var definition = new TenantDefinition
        {
            Id = TenantId(document.Tenant, tenant),
            Settings = Settings(document),
            Extensions = [.. extensions.Select(e => e.Config)],
            Registrations = Registrations(extensions),
            Directory = directory,
            Queues = queues,
            Agents = agents,
            AgentLogins = logins,
            RingGroups = RingGroups(document.RingGroups),
            ParkingLots = ParkingLots(document.Parking),
            NumberRouting = NumberRoutingOf(document.NumberRouting),
            Traffic = Traffic(document.Traffic),
        };

        foreach (var problem in TenantRules.Check(definition).All)
        {
            _problems.Add(_paths.Of(problem.Path), problem.Message);
        }

        return _problems.Any ? null : definition;
    }

    private string TenantId(string? inDocument, string? required)
    {
        if (required is not null && inDocument is not null && inDocument != required)
        {
            _problems.Add("tenant", $"'{inDocument}' does not match the tenant '{required}' of the request");
            return required;
        }

        if ((inDocument ?? required) is not { } id)
        {
            _problems.Add("tenant", "is required");
            return "";
        }

        return id;
    }

    private TenantSettings Settings(ScenarioDocument document)
    {
        var defaults = new TenantSettings();
        return new TenantSettings
        {
            DisplayName = document.Name ?? "",
            Seed = document.Seed ?? defaults.Seed,
            Trunk = document.Trunk ?? defaults.Trunk,
            OutsidePrefix = document.OutsidePrefix ?? "",
            OutsideWorld = [.. (document.OutsideWorld ?? []).Select((rule, i) => OutsideRule(rule, FieldProblems.Item("outsideWorld", i)))],
            Surfaces = Surfaces(document.Surfaces),
            ClockSpeed = ClockSpeed(document.Clock),
            Faults = Faults(document.Faults),
        };
    }

    private ExternalRule OutsideRule(OutsideRuleDocument rule, string path)
    {
        var defaults = new ExternalRule { Pattern = "" };
        return new ExternalRule
        {
            Pattern = rule.Pattern ?? "",
            Outcome = Choice(rule.Outcome, FieldProblems.Child(path, "outcome"), Choices.Outcomes, defaults.Outcome),
            Delay = Distribution(rule.Delay, FieldProblems.Child(path, "delay")) ?? defaults.Delay,
            TalkTime = Distribution(rule.TalkTime, FieldProblems.Child(path, "talkTime")),
            AnswerProbability = rule.AnswerProbability ?? defaults.AnswerProbability,
        };
    }

    /// <summary>
    /// The clock is the process's (<c>Pbx:Clock:Speed</c>), shared by every tenant: a scenario may still say the speed it
    /// was written for, and is refused when the host runs at another, rather than run at a speed it did not ask for.
    /// </summary>
    private double ClockSpeed(ClockDocument? clock)
    {
        if (clock?.Speed is { } speed && speed != _clockSpeed)
        {
            _problems.Add("clock.speed", string.Create(CultureInfo.InvariantCulture,
                $"is {speed} but this host's clock runs at {_clockSpeed}: the clock belongs to the host, set its Pbx:Clock:Speed (or remove clock.speed)"));
        }

        return _clockSpeed;
    }

    /// <summary>Each surface's settings, kept as written: the surfaces read them.</summary>
    private static ImmutableDictionary<string, ImmutableDictionary<string, string>> Surfaces(
        Dictionary<string, Dictionary<string, string>>? surfaces) =>
        surfaces is null
            ? ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
            : surfaces.ToImmutableDictionary(s => s.Key, s => s.Value.ToImmutableDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
}
