using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Host.Scenarios.Documents;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Host.Scenarios;

/// <summary>Queues, agents, ring groups, parking lots and traffic generators.</summary>
public sealed partial class ScenarioMapper
{
    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    private ImmutableArray<QueueConfig> Queues(List<QueueDocument>? queues, List<MappedExtension> extensions)
    {
        var byNumber = new Dictionary<string, ExtensionConfig>(StringComparer.Ordinal);
        foreach (var extension in extensions)
        {
            byNumber.TryAdd(extension.Config.Number, extension.Config);
        }

        var defaults = new QueueConfig { Name = "" };
        return [.. (queues ?? []).Select((queue, i) => new QueueConfig
        {
            Name = queue.Name ?? "",
            Number = queue.Number,
            DisplayName = queue.DisplayName ?? "",
            Strategy = Choice(queue.Strategy, Child(Item("queues", i), "strategy"), Choices.QueueStrategies, defaults.Strategy),
            MaxCallers = queue.MaxCallers ?? defaults.MaxCallers,
            ServiceLevelSeconds = queue.ServiceLevel ?? defaults.ServiceLevelSeconds,
            MemberTimeoutSeconds = queue.MemberTimeout ?? defaults.MemberTimeoutSeconds,
            RetrySeconds = queue.Retry ?? defaults.RetrySeconds,
            WrapUpSeconds = queue.WrapUp ?? defaults.WrapUpSeconds,
            WrapUpTime = Distribution(queue.WrapUpTime, Child(Item("queues", i), "wrapUpTime")),
            // A member is the extension's device, shown under the extension's name unless it is given another.
            Members = [.. (queue.Members ?? []).Select(member => new QueueMemberConfig
            {
                Extension = member.Extension ?? "",
                Penalty = member.Penalty ?? 0,
                Paused = member.Paused ?? false,
                MemberName = member.MemberName ?? byNumber.GetValueOrDefault(member.Extension ?? "")?.CallerIdName ?? "",
                Interface = byNumber.GetValueOrDefault(member.Extension ?? "")?.Device ?? "",
            })],
        })];
    }

    /// <param name="logins">Where agents are logged in when the tenant loads, by agent id.</param>
    private ImmutableArray<AgentConfig> Agents(List<AgentDocument>? agents, out ImmutableDictionary<string, string> logins)
    {
        var seats = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (agents?.Count ?? 0); i++)
        {
            if (agents![i] is { Id: { } id, LoggedInAt: { } seat } && seats.TryAdd(id, seat))
            {
                _paths.Add($"agents.{id}", Item("agents", i));
            }
        }

        logins = seats.ToImmutable();
        return [.. (agents ?? []).Select(agent => new AgentConfig
        {
            Id = agent.Id ?? "",
            Name = agent.Name ?? "",
            Pin = agent.Pin ?? "",
            Queues = [.. (agent.Queues ?? []).Select(q => new AgentQueueMembership(q.Queue ?? "", q.Penalty ?? 0))],
        })];
    }

    private ImmutableArray<RingGroupConfig> RingGroups(List<RingGroupDocument>? groups)
    {
        var defaults = new RingGroupConfig { Number = "" };
        return [.. (groups ?? []).Select((group, i) => new RingGroupConfig
        {
            Number = group.Number ?? "",
            Description = group.Description ?? "",
            Strategy = Choice(group.Strategy, Child(Item("ringGroups", i), "strategy"), Choices.RingGroupStrategies, defaults.Strategy),
            RingTimeSeconds = group.RingTime ?? defaults.RingTimeSeconds,
            Members = [.. group.Members ?? []],
            Settings = Strings(group.Settings),
        })];
    }

    private static ImmutableArray<ParkingLotConfig> ParkingLots(List<ParkingLotDocument>? lots)
    {
        var defaults = new ParkingLotConfig();
        return [.. (lots ?? []).Select(lot => new ParkingLotConfig
        {
            Name = lot.Name ?? defaults.Name,
            FirstSlot = lot.FirstSlot ?? defaults.FirstSlot,
            SlotCount = lot.Slots ?? defaults.SlotCount,
            TimeoutSeconds = lot.Timeout ?? defaults.TimeoutSeconds,
        })];
    }

    private ImmutableArray<TrafficConfig> Traffic(List<TrafficDocument>? generators)
    {
        var defaults = new TrafficConfig { Name = "" };
        return [.. (generators ?? []).Select((traffic, i) =>
        {
            var path = Item("traffic", i);
            if (traffic.CallsPerHour is null)
            {
                // A rate of 0 is a generator loaded idle, so a missing rate is not taken for one.
                _problems.Add(Child(path, "callsPerHour"), "is required");
            }

            return new TrafficConfig
            {
                Name = traffic.Name ?? "",
                Kind = Choice(traffic.Kind, Child(path, "kind"), Choices.TrafficKinds, defaults.Kind),
                Target = traffic.Target ?? "",
                CallsPerHour = traffic.CallsPerHour ?? 0,
                HourlyProfile = [.. traffic.HourlyProfile ?? []],
                Patience = Distribution(traffic.Patience, Child(path, "patience")),
                TalkTime = Distribution(traffic.TalkTime, Child(path, "talkTime")),
                CallerIds = [.. traffic.CallerIds ?? []],
                CallerIdPattern = traffic.CallerIdPattern ?? defaults.CallerIdPattern,
                Sources = [.. traffic.Sources ?? []],
                Destinations = [.. traffic.Destinations ?? []],
                Enabled = traffic.Enabled ?? defaults.Enabled,
                Trunk = traffic.Trunk ?? "",
                InitialCalls = traffic.InitialCalls ?? 0,
                StartAt = Instant(traffic.StartAt, Child(path, "startAt")),
                StopAt = Instant(traffic.StopAt, Child(path, "stopAt")),
            };
        })];
    }

    /// <summary>
    /// A simulated instant as ISO 8601 (<c>2026-03-02T09:00:00Z</c>, an offset, or none for UTC): a study places its
    /// arrivals at fixed instants of the simulated clock, whatever the host's time zone.
    /// </summary>
    private DateTimeOffset? Instant(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            _problems.Add(path, $"must be an instant as yyyy-MM-ddTHH:mm[:ss[.fff]] with Z or an offset (UTC when none), not '{text}'");
            return null;
        }

        return instant;
    }
}
