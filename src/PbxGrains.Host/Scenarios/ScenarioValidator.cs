using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios;

/// <summary>
/// Turns a bound <see cref="ScenarioDocument"/> into a <see cref="TenantDefinition"/>, checking every field and the
/// number plan as a whole (extension, queue and ring group numbers and parking slots must not collide). Each problem
/// is reported with its field path; the definition is returned only when there is none.
/// </summary>
public sealed partial class ScenarioValidator
{
    private readonly ScenarioErrors _errors;
    private readonly DateTimeOffset _now;

    /// <param name="now">The registration time of phones the scenario registers.</param>
    public ScenarioValidator(ScenarioErrors errors, DateTimeOffset now)
    {
        _errors = errors;
        _now = now;
    }

    /// <param name="tenant">The tenant the document must define (from a request path), or null to take it from the document.</param>
    public TenantDefinition? Validate(ScenarioDocument document, string? tenant)
    {
        var id = TenantId(document.Tenant, tenant);
        var settings = new TenantSettings
        {
            DisplayName = document.Name ?? "",
            Seed = document.Seed ?? new TenantSettings().Seed,
            Trunk = Trunk(document.Trunk),
            OutsidePrefix = OutsidePrefix(document.OutsidePrefix),
            OutsideWorld = OutsideWorld(document.OutsideWorld),
            Surfaces = Surfaces(document.Surfaces),
            ClockSpeed = ClockSpeed(document.Clock),
        };

        var extensions = Extensions(document.Extensions, document.ExtensionGroups);
        var directory = Directory(document.Directory, extensions);
        var queues = Queues(document.Queues, extensions);
        var (agents, logins) = Agents(document.Agents, extensions, queues);
        var ringGroups = RingGroups(document.RingGroups);
        var parkingLots = ParkingLots(document.Parking);
        CheckNumberPlan(extensions, queues, ringGroups, parkingLots);
        var routing = NumberRoutingOf(document.NumberRouting, extensions);
        var traffic = Traffic(document.Traffic, extensions, queues, ringGroups);

        if (_errors.Any || id is null)
        {
            return null;
        }

        return new TenantDefinition
        {
            Id = id,
            Settings = settings,
            Extensions = [.. extensions.Select(e => e.Config)],
            Queues = [.. queues.Select(q => q.Config)],
            Agents = agents,
            RingGroups = [.. ringGroups.Select(r => r.Config)],
            ParkingLots = [.. parkingLots.Select(p => p.Config)],
            Registrations = extensions.Where(e => e.Registration is not null)
                .ToImmutableDictionary(e => e.Config.Number, e => e.Registration!, StringComparer.Ordinal),
            AgentLogins = logins,
            Traffic = traffic,
            NumberRouting = routing,
            Directory = directory,
        };
    }

    private string? TenantId(string? inDocument, string? required)
    {
        if (required is not null && inDocument is not null && inDocument != required)
        {
            _errors.Add("tenant", $"'{inDocument}' does not match the tenant '{required}' of the request");
            return null;
        }

        var id = inDocument ?? required;
        if (id is null)
        {
            _errors.Add("tenant", "is required");
            return null;
        }

        if (!TenantKey.IsValidTenantId(id))
        {
            _errors.Add("tenant", "must be 1 to 63 letters, digits, '-' or '_', starting with a letter or digit");
            return null;
        }

        return id;
    }

    private string Trunk(string? trunk) => Identifier(trunk, "trunk", 40, required: false) ?? new TenantSettings().Trunk;

    private string OutsidePrefix(string? prefix)
    {
        if (prefix is not null && !prefix.All(char.IsAsciiDigit))
        {
            _errors.Add("outsidePrefix", "must be digits (or empty for none)");
        }

        return prefix ?? "";
    }

    private ImmutableArray<ExternalRule> OutsideWorld(List<OutsideRuleDocument>? rules)
    {
        var result = ImmutableArray.CreateBuilder<ExternalRule>();
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var rule = rules![i];
            var path = ScenarioErrors.Item("outsideWorld", i);
            var pattern = Required(rule.Pattern, ScenarioErrors.Child(path, "pattern"));
            if (pattern is not null && !IsPattern(pattern))
            {
                _errors.Add(ScenarioErrors.Child(path, "pattern"), $"'{pattern}' is not a number or an Asterisk pattern such as _X. or _0[1-9]XXX");
            }

            result.Add(new ExternalRule
            {
                Pattern = pattern ?? "",
                Outcome = Choice(rule.Outcome, ScenarioErrors.Child(path, "outcome"), Choices.Outcomes, ExternalOutcome.Answer),
                Delay = Distribution(rule.Delay, ScenarioErrors.Child(path, "delay")) ?? new ExternalRule { Pattern = "" }.Delay,
                TalkTime = Distribution(rule.TalkTime, ScenarioErrors.Child(path, "talkTime")),
                AnswerProbability = Probability(rule.AnswerProbability, ScenarioErrors.Child(path, "answerProbability")),
            });
        }

        return result.ToImmutable();
    }

    /// <summary>A literal number, or '_' and Asterisk's pattern characters with brackets that open and close.</summary>
    private static bool IsPattern(string pattern)
    {
        if (pattern.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var open = false;
        foreach (var c in pattern.StartsWith('_') ? pattern.AsSpan(1) : [])
        {
            if (c == '[' && !open)
            {
                open = true;
            }
            else if (c == ']' && open)
            {
                open = false;
            }
            else if (c is '[' or ']')
            {
                return false;
            }
        }

        return !open;
    }

    private static ImmutableDictionary<string, ImmutableDictionary<string, string>> Surfaces(
        Dictionary<string, Dictionary<string, string>>? surfaces) =>
        surfaces is null
            ? ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
            : surfaces.ToImmutableDictionary(s => s.Key, s => s.Value.ToImmutableDictionary(StringComparer.Ordinal), StringComparer.Ordinal);
}
