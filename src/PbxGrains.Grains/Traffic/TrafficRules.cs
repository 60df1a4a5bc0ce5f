using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Grains.Simulation;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Traffic;

/// <summary>What makes one traffic generator valid (whether its target and sources exist: <see cref="TenantRules"/>).</summary>
public static class TrafficRules
{
    public const int MaxNameLength = 80;

    public const double MaxCallsPerHour = 1_000_000;

    public const int MaxInitialCalls = 10_000;

    public const int MaxCallerIdLength = 40;

    public static FieldProblems Check(TrafficConfig traffic)
    {
        var problems = new FieldProblems();
        Check(traffic, problems, "");
        return problems;
    }

    public static void Check(TrafficConfig traffic, FieldProblems problems, string path)
    {
        var name = Child(path, "name");
        if (problems.Required(name, traffic.Name) && (traffic.Name.Length > MaxNameLength || traffic.Name.Any(c => c is '/' || char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            problems.Add(name, $"must be 1 to {MaxNameLength} characters without '/' or spaces");
        }

        problems.Defined(Child(path, "kind"), traffic.Kind, "must be inbound, outbound or internal");
        CheckRate(traffic.CallsPerHour, problems, Child(path, "callsPerHour"));
        if (!traffic.HourlyProfile.IsDefaultOrEmpty && (traffic.HourlyProfile.Length != 24 || traffic.HourlyProfile.Any(f => !double.IsFinite(f) || f < 0)))
        {
            problems.Add(Child(path, "hourlyProfile"), "must be 24 factors (one per hour of the day), none negative");
        }

        if (traffic.StopAt <= traffic.StartAt)
        {
            problems.Add(Child(path, "stopAt"), "must be after startAt");
        }

        problems.Distribution(Child(path, "patience"), traffic.Patience);
        problems.Distribution(Child(path, "talkTime"), traffic.TalkTime);
        for (var c = 0; c < Length(traffic.CallerIds); c++)
        {
            if (string.IsNullOrWhiteSpace(traffic.CallerIds[c]) || traffic.CallerIds[c].Length > MaxCallerIdLength)
            {
                problems.Add(Item(Child(path, "callerIds"), c), $"'{traffic.CallerIds[c]}' is not a caller id");
            }
        }

        if (!NumberPattern.IsValid(traffic.CallerIdPattern))
        {
            problems.Add(Child(path, "callerIdPattern"), "must be digits and 'X' (a random digit), optionally after '+'");
        }

        for (var d = 0; d < Length(traffic.Destinations); d++)
        {
            if (!NumberPattern.IsValid(traffic.Destinations[d]))
            {
                problems.Add(Item(Child(path, "destinations"), d), $"'{traffic.Destinations[d]}' must be digits and 'X' (a random digit)");
            }
        }

        var sources = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < Length(traffic.Sources); s++)
        {
            var source = Item(Child(path, "sources"), s);
            if (problems.Required(source, traffic.Sources[s]) && !sources.Add(traffic.Sources[s]))
            {
                problems.Add(source, $"extension '{traffic.Sources[s]}' is listed twice");
            }
        }

        problems.Between(Child(path, "initialCalls"), traffic.InitialCalls, 0, MaxInitialCalls);
        if (traffic.Trunk.Length > 0)
        {
            problems.Identifier(Child(path, "trunk"), traffic.Trunk, SettingsRules.MaxTrunkLength);
        }

        NeedsOfKind(traffic, problems, path);
    }

    public static bool CheckRate(double callsPerHour, FieldProblems problems, string path)
    {
        if (double.IsNaN(callsPerHour) || callsPerHour is < 0 or > MaxCallsPerHour)
        {
            problems.Add(path, string.Create(CultureInfo.InvariantCulture, $"must be between 0 and {MaxCallsPerHour}"));
            return false;
        }

        return true;
    }

    /// <summary>What each kind of traffic cannot run without.</summary>
    private static void NeedsOfKind(TrafficConfig traffic, FieldProblems problems, string path)
    {
        var (field, problem) = traffic.Kind switch
        {
            TrafficKind.Inbound when string.IsNullOrWhiteSpace(traffic.Target) => ("target", "inbound traffic needs the number it dials"),
            TrafficKind.Outbound when traffic.Sources.IsDefaultOrEmpty => ("sources", "outbound traffic needs the extensions that place the calls"),
            TrafficKind.Outbound when traffic.Destinations.IsDefaultOrEmpty => ("destinations", "outbound traffic needs the numbers it dials"),
            TrafficKind.Internal when traffic.Sources.IsDefaultOrEmpty || (traffic.Sources.Length < 2 && traffic.Destinations.IsDefaultOrEmpty) =>
                ("sources", "internal traffic needs two extensions, or one and destinations"),
            _ => ("", null),
        };
        if (problem is not null)
        {
            problems.Add(Child(path, field), problem);
        }
    }

    private static int Length(ImmutableArray<string> values) => values.IsDefault ? 0 : values.Length;
}
