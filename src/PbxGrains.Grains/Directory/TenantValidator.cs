using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Grains.Simulation;
using PbxGrains.Grains.StateMachines;

namespace PbxGrains.Grains.Directory;

/// <summary>
/// Checks a whole tenant definition before anything of it is applied. Each problem names the field by its path
/// (<c>queues[1].members[0].extension</c>) and says why; the first problem is reported.
/// </summary>
public static class TenantValidator
{
    public static string? Validate(TenantDefinition definition)
    {
        if (!TenantKey.IsValidTenantId(definition.Id))
        {
            return "tenant: must be 1 to 63 letters, digits, '-' or '_', starting with a letter or digit";
        }

        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Claim(string number, string field) =>
            numbers.TryAdd(number, field) ? null : $"{field}: {number} is already used by {numbers[number]}";

        if (Settings(definition.Settings) is { } settings)
        {
            return settings;
        }

        var sipUsers = new HashSet<string>(StringComparer.Ordinal);
        var databaseIds = new HashSet<int>();
        for (var i = 0; i < definition.Extensions.Length; i++)
        {
            var extension = definition.Extensions[i];
            var field = $"extensions[{i}]";
            if (ExtensionRules.Validate(extension) is { } problem)
            {
                return $"{field}.{problem}";
            }

            if (Claim(extension.Number, $"{field}.number") is { } clash)
            {
                return clash;
            }

            if (extension.PublicNumber is { Length: > 0 } did && Claim(did.TrimStart('+'), $"{field}.publicNumber") is { } didClash)
            {
                return didClash;
            }

            if (!sipUsers.Add(extension.Peer))
            {
                return $"{field}.sipUser: {extension.Peer} is used by another extension";
            }

            if (extension.DatabaseId is { } id && !databaseIds.Add(id))
            {
                return $"{field}.id: {id} is used by another extension";
            }
        }

        var extensions = definition.Extensions.Select(e => e.Number).ToHashSet(StringComparer.Ordinal);
        var queues = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Queues.Length; i++)
        {
            var queue = definition.Queues[i];
            var field = $"queues[{i}]";
            if (QueueRules.Validate(queue) is { } problem)
            {
                return $"{field}.{problem}";
            }

            if (!queues.Add(queue.Name))
            {
                return $"{field}.name: queue {queue.Name} is defined twice";
            }

            if (queue.Number is { Length: > 0 } number && Claim(number, $"{field}.number") is { } clash)
            {
                return clash;
            }

            for (var m = 0; m < queue.Members.Length; m++)
            {
                if (!extensions.Contains(queue.Members[m].Extension))
                {
                    return $"{field}.members[{m}].extension: no extension {queue.Members[m].Extension}";
                }
            }
        }

        var agents = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Agents.Length; i++)
        {
            var agent = definition.Agents[i];
            var field = $"agents[{i}]";
            if (AgentRules.Validate(agent) is { } problem)
            {
                return $"{field}.{problem}";
            }

            if (!agents.Add(agent.Id))
            {
                return $"{field}.id: agent {agent.Id} is defined twice";
            }

            for (var q = 0; q < agent.Queues.Length; q++)
            {
                if (!queues.Contains(agent.Queues[q].Queue))
                {
                    return $"{field}.queues[{q}].queue: no queue {agent.Queues[q].Queue}";
                }
            }
        }

        for (var i = 0; i < definition.RingGroups.Length; i++)
        {
            var group = definition.RingGroups[i];
            var field = $"ringGroups[{i}]";
            if (RingGroupRules.Validate(group) is { } problem)
            {
                return $"{field}.{problem}";
            }

            if (Claim(group.Number, $"{field}.number") is { } clash)
            {
                return clash;
            }
        }

        var lots = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.ParkingLots.Length; i++)
        {
            var lot = definition.ParkingLots[i];
            var field = $"parking[{i}]";
            if (string.IsNullOrWhiteSpace(lot.Name) || lot.Name.Contains('/'))
            {
                return $"{field}.name: must be a name without '/'";
            }

            if (!lots.Add(lot.Name))
            {
                return $"{field}.name: lot {lot.Name} is defined twice";
            }

            if (lot.FirstSlot < 1 || lot.SlotCount is < 1 or > 1000)
            {
                return $"{field}.slots: the first slot must be positive and a lot holds 1 to 1000 slots";
            }

            if (lot.TimeoutSeconds is < 0 or > 3600)
            {
                return $"{field}.timeout: must be between 0 and 3600 seconds";
            }

            for (var slot = lot.FirstSlot; slot < lot.FirstSlot + lot.SlotCount; slot++)
            {
                if (Claim(slot.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{field}.slots") is { } clash)
                {
                    return clash;
                }
            }
        }

        foreach (var (extension, registration) in definition.Registrations)
        {
            if (!extensions.Contains(extension))
            {
                return $"registrations.{extension}: no such extension";
            }

            // Checked here rather than left to the extension, so a bad registration fails the load before anything is applied.
            if (ExtensionRules.ValidateRegistration(registration) is { } problem)
            {
                return $"registrations.{extension}.{problem}";
            }
        }

        foreach (var (agent, extension) in definition.AgentLogins)
        {
            if (!agents.Contains(agent))
            {
                return $"agents.{agent}.loggedInAt: no agent {agent}";
            }

            if (!extensions.Contains(extension))
            {
                return $"agents.{agent}.loggedInAt: no extension {extension}";
            }
        }

        var generators = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Traffic.Length; i++)
        {
            var traffic = definition.Traffic[i];
            var field = $"traffic[{i}]";
            if (TrafficRules.Validate(traffic) is { } problem)
            {
                return $"{field}.{problem}";
            }

            if (!generators.Add(traffic.Name))
            {
                return $"{field}.name: traffic {traffic.Name} is defined twice";
            }

            if (traffic.Kind == TrafficKind.Inbound && !InboundTargets(definition).Contains(traffic.Target))
            {
                return $"{field}.target: {traffic.Target} is no extension, public number, queue or ring group of this tenant";
            }

            for (var s = 0; s < traffic.Sources.Length; s++)
            {
                if (!extensions.Contains(traffic.Sources[s]))
                {
                    return $"{field}.sources[{s}]: no extension {traffic.Sources[s]}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The numbers an inbound call can dial, as the tenant's dialplan resolves them (<see cref="TenantIndex"/>):
    /// extensions, public numbers with or without '+', queue numbers and names, ring groups. Not parking slots.
    /// </summary>
    private static HashSet<string> InboundTargets(TenantDefinition definition)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var extension in definition.Extensions)
        {
            targets.Add(extension.Number);
            if (extension.PublicNumber is { Length: > 0 } did)
            {
                targets.Add(did);
                targets.Add(did.TrimStart('+'));
                targets.Add("+" + did.TrimStart('+'));
            }
        }

        foreach (var queue in definition.Queues)
        {
            targets.Add(queue.Name);
            if (queue.Number is { Length: > 0 } number)
            {
                targets.Add(number);
            }
        }

        targets.UnionWith(definition.RingGroups.Select(g => g.Number));
        return targets;
    }

    private static string? Settings(TenantSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Trunk) || settings.Trunk.Any(c => c is '/' or '-' or ' '))
        {
            return "trunk: must be a name without '/', '-' or spaces";
        }

        if (settings.OutsidePrefix.Any(c => !char.IsAsciiDigit(c)))
        {
            return "outsidePrefix: must be digits";
        }

        for (var i = 0; i < settings.OutsideWorld.Length; i++)
        {
            var rule = settings.OutsideWorld[i];
            var field = $"outsideWorld[{i}]";
            if (!AsteriskPattern.IsValid(rule.Pattern))
            {
                return $"{field}.pattern: '{rule.Pattern}' is not a number or an Asterisk pattern";
            }

            if (rule.Delay.Validate() is { } delay)
            {
                return $"{field}.delay: {delay}";
            }

            if (rule.TalkTime?.Validate() is { } talk)
            {
                return $"{field}.talkTime: {talk}";
            }

            if (rule.AnswerProbability is < 0 or > 1 || double.IsNaN(rule.AnswerProbability))
            {
                return $"{field}.answerProbability: must be between 0 and 1";
            }
        }

        return null;
    }
}

public static class TrafficRules
{
    public const double MaxCallsPerHour = 1_000_000;

    public static string? Validate(TrafficConfig traffic)
    {
        if (string.IsNullOrWhiteSpace(traffic.Name) || traffic.Name.Length > 80 || traffic.Name.Any(c => c is '/' || char.IsWhiteSpace(c)))
        {
            return "name: must be 1 to 80 characters without '/' or spaces";
        }

        if (double.IsNaN(traffic.CallsPerHour) || traffic.CallsPerHour is < 0 or > MaxCallsPerHour)
        {
            return $"callsPerHour: must be between 0 and {MaxCallsPerHour}";
        }

        if (!traffic.HourlyProfile.IsDefaultOrEmpty && (traffic.HourlyProfile.Length != 24 || traffic.HourlyProfile.Any(f => double.IsNaN(f) || f < 0 || double.IsInfinity(f))))
        {
            return "hourlyProfile: must be 24 factors, none negative";
        }

        if (traffic.Patience?.Validate() is { } patience)
        {
            return $"patience: {patience}";
        }

        if (traffic.TalkTime?.Validate() is { } talk)
        {
            return $"talkTime: {talk}";
        }

        if (!NumberPattern.IsValid(traffic.CallerIdPattern))
        {
            return "callerIdPattern: must be digits and 'X' (a random digit), optionally after '+'";
        }

        if (!Enum.IsDefined(traffic.Kind))
        {
            return "kind: must be inbound, outbound or internal";
        }

        // Index-based: a null entry must be reported, not mistaken for "none found".
        for (var c = 0; c < traffic.CallerIds.Length; c++)
        {
            if (string.IsNullOrWhiteSpace(traffic.CallerIds[c]) || traffic.CallerIds[c].Length > 40)
            {
                return $"callerIds[{c}]: '{traffic.CallerIds[c]}' is not a caller id";
            }
        }

        for (var d = 0; d < traffic.Destinations.Length; d++)
        {
            if (!NumberPattern.IsValid(traffic.Destinations[d]))
            {
                return $"destinations[{d}]: '{traffic.Destinations[d]}' must be digits and 'X' (a random digit)";
            }
        }

        if (traffic.Sources.Any(string.IsNullOrEmpty) || traffic.Sources.Distinct(StringComparer.Ordinal).Count() != traffic.Sources.Length)
        {
            return "sources: must be distinct extension numbers";
        }

        if (traffic.InitialCalls is < 0 or > 10_000)
        {
            return "initialCalls: must be between 0 and 10000";
        }

        if (traffic.Trunk.Any(c => c is '/' or '-' or ' '))
        {
            return "trunk: must be a name without '/', '-' or spaces";
        }

        return traffic.Kind switch
        {
            TrafficKind.Inbound when string.IsNullOrWhiteSpace(traffic.Target) => "target: inbound traffic needs the number it dials",
            TrafficKind.Outbound when traffic.Sources.IsDefaultOrEmpty => "sources: outbound traffic needs the extensions that place the calls",
            TrafficKind.Outbound when traffic.Destinations.IsDefaultOrEmpty => "destinations: outbound traffic needs the numbers it dials",
            TrafficKind.Internal when traffic.Sources.IsDefaultOrEmpty || (traffic.Sources.Length < 2 && traffic.Destinations.IsDefaultOrEmpty) =>
                "sources: internal traffic needs two extensions, or one and destinations",
            _ => null,
        };
    }
}

public static class QueueRules
{
    public static string? Validate(QueueConfig queue)
    {
        if (string.IsNullOrWhiteSpace(queue.Name) || queue.Name.Length > 80 || queue.Name.Any(c => c is '/' or ',' || char.IsControl(c)))
        {
            return "name: must be 1 to 80 characters without '/' or ','";
        }

        if (queue.Number is { Length: > 0 } number && !ExtensionRules.IsDialable(number))
        {
            return "number: must be a dialable number";
        }

        if (!Enum.IsDefined(queue.Strategy))
        {
            return "strategy: unknown strategy";
        }

        if (queue.MaxCallers < 0)
        {
            return "maxCallers: must not be negative";
        }

        if (queue.ServiceLevelSeconds is < 1 or > 3600)
        {
            return "serviceLevel: must be between 1 and 3600 seconds";
        }

        if (queue.MemberTimeoutSeconds is < 1 or > 600)
        {
            return "memberTimeout: must be between 1 and 600 seconds";
        }

        if (queue.RetrySeconds is < 0 or > 600)
        {
            return "retry: must be between 0 and 600 seconds";
        }

        if (queue.WrapUpSeconds is < 0 or > 3600)
        {
            return "wrapUp: must be between 0 and 3600 seconds";
        }

        if (queue.WrapUpTime is { } wrapUp && (wrapUp.Validate() ?? (wrapUp.Mean > 3600 || Math.Max(wrapUp.A, wrapUp.B) > 86_400 ? "must average at most 3600 seconds" : null)) is { } wrapUpProblem)
        {
            return $"wrapUpTime: {wrapUpProblem}";
        }

        for (var m = 0; m < queue.Members.Length; m++)
        {
            if (queue.Members[m].Penalty < 0)
            {
                return $"members[{m}].penalty: must not be negative";
            }
        }

        var duplicate = queue.Members.GroupBy(m => m.Extension).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"members: extension {duplicate.Key} is listed twice";
    }
}

public static class AgentRules
{
    public static string? Validate(AgentConfig agent)
    {
        if (string.IsNullOrWhiteSpace(agent.Id) || agent.Id.Length > 40 || agent.Id.Any(c => c is '/' || char.IsWhiteSpace(c)))
        {
            return "id: must be 1 to 40 characters without '/' or spaces";
        }

        if (agent.Pin.Any(c => !char.IsAsciiDigit(c)))
        {
            return "pin: must be digits";
        }

        for (var q = 0; q < agent.Queues.Length; q++)
        {
            if (agent.Queues[q].Penalty < 0)
            {
                return $"queues[{q}].penalty: must not be negative";
            }
        }

        return null;
    }
}
