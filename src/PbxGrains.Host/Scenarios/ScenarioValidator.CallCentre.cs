using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios;

/// <summary>Queues, agents, ring groups and parking lots.</summary>
public sealed partial class ScenarioValidator
{
    private sealed record class ValidQueue(QueueConfig Config, string Path);

    private sealed record class ValidRingGroup(RingGroupConfig Config, string Path);

    private sealed record class ValidParkingLot(ParkingLotConfig Config, string Path);

    private List<ValidQueue> Queues(List<QueueDocument>? queues, List<ValidExtension> extensions)
    {
        var known = extensions.GroupBy(e => e.Config.Number, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Config, StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<ValidQueue>();
        for (var i = 0; i < (queues?.Count ?? 0); i++)
        {
            var queue = queues![i];
            var path = ScenarioErrors.Item("queues", i);
            var name = Required(queue.Name, ScenarioErrors.Child(path, "name"));
            if (name is not null && (name.Length > 80 || name.Any(c => c is '/' or ',' || char.IsControl(c))))
            {
                _errors.Add(ScenarioErrors.Child(path, "name"), "must be 1 to 80 characters without '/' or ','");
                name = null;
            }

            if (name is not null && !names.TryAdd(name, path))
            {
                _errors.Add(ScenarioErrors.Child(path, "name"), $"queue '{name}' is already defined by {names[name]}");
            }

            var defaults = new QueueConfig { Name = "" };
            var config = new QueueConfig
            {
                Name = name ?? "",
                Number = DialNumber(queue.Number, ScenarioErrors.Child(path, "number"), required: false),
                DisplayName = queue.DisplayName ?? "",
                Strategy = Choice(queue.Strategy, ScenarioErrors.Child(path, "strategy"), Choices.QueueStrategies, defaults.Strategy),
                MaxCallers = Whole(queue.MaxCallers, ScenarioErrors.Child(path, "maxCallers"), defaults.MaxCallers, 0, 100_000),
                ServiceLevelSeconds = Whole(queue.ServiceLevel, ScenarioErrors.Child(path, "serviceLevel"), defaults.ServiceLevelSeconds, 1, 3600),
                MemberTimeoutSeconds = Whole(queue.MemberTimeout, ScenarioErrors.Child(path, "memberTimeout"), defaults.MemberTimeoutSeconds, 1, 600),
                RetrySeconds = Whole(queue.Retry, ScenarioErrors.Child(path, "retry"), defaults.RetrySeconds, 0, 600),
                WrapUpSeconds = Whole(queue.WrapUp, ScenarioErrors.Child(path, "wrapUp"), defaults.WrapUpSeconds, 0, 3600),
                WrapUpTime = Distribution(queue.WrapUpTime, ScenarioErrors.Child(path, "wrapUpTime")),
                Members = QueueMembers(queue.Members, ScenarioErrors.Child(path, "members"), known),
            };

            if (name is not null)
            {
                result.Add(new ValidQueue(config, path));
            }
        }

        return result;
    }

    private ImmutableArray<QueueMemberConfig> QueueMembers(List<QueueMemberDocument>? members, string path, Dictionary<string, ExtensionConfig> extensions)
    {
        var result = ImmutableArray.CreateBuilder<QueueMemberConfig>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (members?.Count ?? 0); i++)
        {
            var member = members![i];
            var memberPath = ScenarioErrors.Item(path, i);
            var extensionPath = ScenarioErrors.Child(memberPath, "extension");
            if (Required(member.Extension, extensionPath) is not { } number)
            {
                continue;
            }

            if (!extensions.TryGetValue(number, out var extension))
            {
                _errors.Add(extensionPath, $"extension '{number}' is not defined in this scenario");
                continue;
            }

            if (!seen.Add(number))
            {
                _errors.Add(extensionPath, $"extension '{number}' is already a member of this queue");
                continue;
            }

            result.Add(new QueueMemberConfig
            {
                Extension = number,
                Penalty = Whole(member.Penalty, ScenarioErrors.Child(memberPath, "penalty"), 0, 0, 1000),
                Paused = member.Paused ?? false,
                MemberName = member.MemberName ?? extension.CallerIdName,
                Interface = extension.Device,
            });
        }

        return result.ToImmutable();
    }

    private (ImmutableArray<AgentConfig> Agents, ImmutableDictionary<string, string> Logins) Agents(
        List<AgentDocument>? agents, List<ValidExtension> extensions, List<ValidQueue> queues)
    {
        var extensionNumbers = extensions.Select(e => e.Config.Number).ToHashSet(StringComparer.Ordinal);
        var queueNames = queues.Select(q => q.Config.Name).ToHashSet(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var seats = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<AgentConfig>();
        var logins = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (agents?.Count ?? 0); i++)
        {
            var agent = agents![i];
            var path = ScenarioErrors.Item("agents", i);
            var id = Identifier(agent.Id, ScenarioErrors.Child(path, "id"), 40);
            if (agent.Pin is { } pin && !pin.All(char.IsAsciiDigit))
            {
                _errors.Add(ScenarioErrors.Child(path, "pin"), "must be digits");
            }

            if (id is not null && !ids.TryAdd(id, path))
            {
                _errors.Add(ScenarioErrors.Child(path, "id"), $"agent '{id}' is already defined by {ids[id]}");
                id = null;
            }

            var memberships = ImmutableArray.CreateBuilder<AgentQueueMembership>();
            for (var q = 0; q < (agent.Queues?.Count ?? 0); q++)
            {
                var membership = agent.Queues![q];
                var queuePath = ScenarioErrors.Child(ScenarioErrors.Item(ScenarioErrors.Child(path, "queues"), q), "queue");
                if (Required(membership.Queue, queuePath) is not { } queue)
                {
                    continue;
                }

                if (!queueNames.Contains(queue))
                {
                    _errors.Add(queuePath, $"queue '{queue}' is not defined in this scenario");
                }
                else if (memberships.Any(m => m.Queue == queue))
                {
                    _errors.Add(queuePath, $"queue '{queue}' is listed twice");
                }
                else
                {
                    var penaltyPath = ScenarioErrors.Child(ScenarioErrors.Item(ScenarioErrors.Child(path, "queues"), q), "penalty");
                    memberships.Add(new AgentQueueMembership(queue, Whole(membership.Penalty, penaltyPath, 0, 0, 1000)));
                }
            }

            if (agent.LoggedInAt is { } seat)
            {
                var seatPath = ScenarioErrors.Child(path, "loggedInAt");
                if (!extensionNumbers.Contains(seat))
                {
                    _errors.Add(seatPath, $"extension '{seat}' is not defined in this scenario");
                }
                else if (!seats.TryAdd(seat, path))
                {
                    _errors.Add(seatPath, $"extension '{seat}' already has {seats[seat]} logged in");
                }
                else if (id is not null)
                {
                    logins[id] = seat;
                }
            }

            if (id is not null)
            {
                result.Add(new AgentConfig { Id = id, Name = agent.Name ?? "", Pin = agent.Pin ?? "", Queues = memberships.ToImmutable() });
            }
        }

        return (result.ToImmutable(), logins.ToImmutable());
    }

    private List<ValidRingGroup> RingGroups(List<RingGroupDocument>? groups)
    {
        var result = new List<ValidRingGroup>();
        for (var i = 0; i < (groups?.Count ?? 0); i++)
        {
            var group = groups![i];
            var path = ScenarioErrors.Item("ringGroups", i);
            var number = DialNumber(group.Number, ScenarioErrors.Child(path, "number"));
            var membersPath = ScenarioErrors.Child(path, "members");
            var members = group.Members ?? [];
            if (members.Count == 0)
            {
                _errors.Add(membersPath, "must list at least one extension or number");
            }

            for (var m = 0; m < members.Count; m++)
            {
                // A trailing '#' marks an outside number that is dialled as is.
                if (!IsDialable(members[m].TrimEnd('#')))
                {
                    _errors.Add(ScenarioErrors.Item(membersPath, m), $"'{members[m]}' is not a number");
                }
            }

            var defaults = new RingGroupConfig { Number = "" };
            var config = new RingGroupConfig
            {
                Number = number ?? "",
                Description = group.Description ?? "",
                Strategy = Choice(group.Strategy, ScenarioErrors.Child(path, "strategy"), Choices.RingGroupStrategies, defaults.Strategy),
                RingTimeSeconds = Whole(group.RingTime, ScenarioErrors.Child(path, "ringTime"), defaults.RingTimeSeconds, 1, 300),
                Members = [.. members],
                Settings = Map(group.Settings),
            };

            if (number is not null)
            {
                result.Add(new ValidRingGroup(config, path));
            }
        }

        return result;
    }

    private List<ValidParkingLot> ParkingLots(List<ParkingLotDocument>? lots)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = new List<ValidParkingLot>();
        for (var i = 0; i < (lots?.Count ?? 0); i++)
        {
            var lot = lots![i];
            var path = ScenarioErrors.Item("parking", i);
            var defaults = new ParkingLotConfig();
            var name = lot.Name ?? defaults.Name;
            if (!IsName(name))
            {
                _errors.Add(ScenarioErrors.Child(path, "name"), "must be letters, digits, '.', '-' or '_'");
                continue;
            }

            if (!names.TryAdd(name, path))
            {
                _errors.Add(ScenarioErrors.Child(path, "name"), $"parking lot '{name}' is already defined by {names[name]}");
                continue;
            }

            result.Add(new ValidParkingLot(
                new ParkingLotConfig
                {
                    Name = name,
                    FirstSlot = Whole(lot.FirstSlot, ScenarioErrors.Child(path, "firstSlot"), defaults.FirstSlot, 1, 99_999_999),
                    SlotCount = Whole(lot.Slots, ScenarioErrors.Child(path, "slots"), defaults.SlotCount, 1, 1000),
                    TimeoutSeconds = Whole(lot.Timeout, ScenarioErrors.Child(path, "timeout"), defaults.TimeoutSeconds, 0, 3600),
                },
                path));
        }

        return result;
    }

    /// <summary>
    /// A dialled number must reach one thing: an extension, a parking slot, a queue or a ring group. A collision is
    /// reported on the later of the two in that order (a ring group on a parking slot is the ring group's error).
    /// </summary>
    private void CheckNumberPlan(List<ValidExtension> extensions, List<ValidQueue> queues, List<ValidRingGroup> ringGroups, List<ValidParkingLot> lots)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var extension in extensions)
        {
            owners.TryAdd(extension.Config.Number, $"extension {extension.Config.Number} ({extension.Path})");
        }

        // A public number is dialled too: from outside it reaches its extension, so it must reach nothing else.
        foreach (var extension in extensions.Where(e => e.Config.PublicNumber is not null))
        {
            var path = extension.Path.StartsWith("extensionGroups", StringComparison.Ordinal)
                ? extension.Path
                : ScenarioErrors.Child(extension.Path, "publicNumber");
            Claim(extension.Config.PublicNumber!.TrimStart('+'), $"public number of extension {extension.Config.Number} ({extension.Path})", path);
        }

        foreach (var lot in lots)
        {
            var last = lot.Config.FirstSlot + lot.Config.SlotCount - 1;
            for (var slot = lot.Config.FirstSlot; slot <= last; slot++)
            {
                var number = slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!Claim(number, $"parking lot {lot.Config.Name} slots {lot.Config.FirstSlot}-{last} ({lot.Path})", ScenarioErrors.Child(lot.Path, "firstSlot")))
                {
                    break;
                }
            }
        }

        foreach (var queue in queues.Where(q => q.Config.Number is not null))
        {
            Claim(queue.Config.Number!, $"queue {queue.Config.Name} ({queue.Path})", ScenarioErrors.Child(queue.Path, "number"));
        }

        foreach (var group in ringGroups)
        {
            Claim(group.Config.Number, $"ring group {group.Config.Number} ({group.Path})", ScenarioErrors.Child(group.Path, "number"));
        }

        bool Claim(string number, string owner, string path)
        {
            if (owners.TryAdd(number, owner))
            {
                return true;
            }

            _errors.Add(path, $"number {number} is already taken by {owners[number]}");
            return false;
        }
    }
}
