using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Queues;
using PbxGrains.Grains.Traffic;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Catalogue.Rules;

/// <summary>
/// The one rule set of a tenant definition: each section's own rules, then how the sections fit together (a dialled
/// number reaches one thing, every reference names something that exists). It returns every problem with its path;
/// the scenario loader reports them against the document, the tenant grain refuses a load that has any.
/// </summary>
public static class TenantRules
{
    /// <summary>A tenant's load must finish within one grain call; traffic, not a bigger catalogue, is the tool for load.</summary>
    public const int MaxExtensions = 10_000;

    public static FieldProblems Check(TenantDefinition definition)
    {
        var problems = new FieldProblems();
        SettingsRules.CheckId(definition.Id, problems, "tenant");
        SettingsRules.Check(definition.Settings, problems);
        var extensions = Extensions(definition, problems);
        DirectoryRules.Check(definition.Directory, problems, "directory");
        var queues = Queues(definition, extensions, problems);
        Agents(definition, extensions, queues, problems);
        for (var i = 0; i < definition.RingGroups.Length; i++)
        {
            RingGroupRules.Check(definition.RingGroups[i], problems, Item("ringGroups", i));
        }

        ParkingLots(definition, problems);
        NumberPlan(definition, problems);
        Registrations(definition, extensions, problems);
        NumberRoutingRules.Check(definition.NumberRouting, problems, "numberRouting", extensions);
        Traffic(definition, extensions, problems);
        return problems;
    }

    private static HashSet<string> Extensions(TenantDefinition definition, FieldProblems problems)
    {
        if (definition.Extensions.Length > MaxExtensions)
        {
            problems.Add("extensions", $"holds more than {MaxExtensions} extensions");
        }

        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var peers = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new Dictionary<int, string>();
        var devices = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < definition.Extensions.Length; i++)
        {
            var extension = definition.Extensions[i];
            var path = Item("extensions", i);
            ExtensionRules.Check(extension, problems, path);

            // A number given twice (the number plan reports it) also gives its default SIP user twice: one error for one mistake.
            if (numbers.Add(extension.Number) && !problems.Has(Child(path, "number")) && !problems.Has(Child(path, "sipUser")) &&
                !peers.TryAdd(extension.Peer, extension.Number))
            {
                problems.Add(Child(path, "sipUser"), $"sipUser '{extension.Peer}' is already used by extension {peers[extension.Peer]}");
            }

            if (extension.DatabaseId is { } id && !ids.TryAdd(id, extension.Number))
            {
                problems.Add(Child(path, "id"), string.Create(CultureInfo.InvariantCulture, $"id {id} is already used by extension {ids[id]}"));
            }

            // Devices are looked up ignoring case, so two that differ only in case are one.
            foreach (var device in extension.DeviceIds.IsDefault ? [] : extension.DeviceIds)
            {
                if (!string.IsNullOrWhiteSpace(device) && !devices.TryAdd(device, extension.Number))
                {
                    problems.Add(Child(path, "devices"), $"device '{device}' is already attached to extension {devices[device]}");
                }
            }
        }

        return definition.Extensions.Select(e => e.Number).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<string> Queues(TenantDefinition definition, HashSet<string> extensions, FieldProblems problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Queues.Length; i++)
        {
            var queue = definition.Queues[i];
            var path = Item("queues", i);
            QueueRules.Check(queue, problems, path);
            if (!problems.Has(Child(path, "name")) && !names.Add(queue.Name))
            {
                problems.Add(Child(path, "name"), $"queue '{queue.Name}' is defined twice");
            }

            for (var m = 0; m < queue.Members.Length; m++)
            {
                Defined(extensions, queue.Members[m].Extension, problems, Child(Item(Child(path, "members"), m), "extension"), "extension");
            }
        }

        return names;
    }

    private static void Agents(TenantDefinition definition, HashSet<string> extensions, HashSet<string> queues, FieldProblems problems)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var seats = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Agents.Length; i++)
        {
            var agent = definition.Agents[i];
            var path = Item("agents", i);
            AgentRules.Check(agent, problems, path);
            if (!problems.Has(Child(path, "id")) && !ids.Add(agent.Id))
            {
                problems.Add(Child(path, "id"), $"agent '{agent.Id}' is defined twice");
                continue;
            }

            for (var q = 0; q < agent.Queues.Length; q++)
            {
                Defined(queues, agent.Queues[q].Queue, problems, Child(Item(Child(path, "queues"), q), "queue"), "queue");
            }

            if (definition.AgentLogins.TryGetValue(agent.Id, out var seat))
            {
                var login = LoginPath(agent.Id);
                if (Defined(extensions, seat, problems, login, "extension") && !seats.TryAdd(seat, agent.Id))
                {
                    problems.Add(login, $"extension '{seat}' already has agent {seats[seat]} logged in");
                }
            }
        }

        foreach (var agent in definition.AgentLogins.Keys.Where(a => !ids.Contains(a)).Order(StringComparer.Ordinal))
        {
            problems.Add(LoginPath(agent), $"agent '{agent}' is not defined in this scenario");
        }
    }

    /// <summary>A login is keyed by the agent's id in a definition; the loader reports it on the agent that asked for it.</summary>
    public static string LoginPath(string agent) => $"agents.{agent}.loggedInAt";

    /// <summary>A registration is keyed by its extension's number in a definition.</summary>
    public static string RegistrationPath(string extension) => $"registrations.{extension}";

    private static void ParkingLots(TenantDefinition definition, FieldProblems problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.ParkingLots.Length; i++)
        {
            var path = Item("parking", i);
            ParkingLotRules.Check(definition.ParkingLots[i], problems, path);
            if (!problems.Has(Child(path, "name")) && !names.Add(definition.ParkingLots[i].Name))
            {
                problems.Add(Child(path, "name"), $"parking lot '{definition.ParkingLots[i].Name}' is defined twice");
            }
        }
    }

    /// <summary>
    /// A dialled number reaches one thing: an extension, a public number, a parking slot, a queue or a ring group. A
    /// collision is reported on the later of the two in that order (a ring group on a parking slot is the ring group's).
    /// </summary>
    private static void NumberPlan(TenantDefinition definition, FieldProblems problems)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Extensions.Length; i++)
        {
            var extension = definition.Extensions[i];
            Claim(extension.Number, $"extension {extension.Number}", Child(Item("extensions", i), "number"));
        }

        // A public number is dialled too: from outside it reaches its extension, so it must reach nothing else.
        for (var i = 0; i < definition.Extensions.Length; i++)
        {
            var extension = definition.Extensions[i];
            if (extension.PublicNumber is { Length: > 0 } did)
            {
                Claim(did.TrimStart('+'), $"the public number of extension {extension.Number}", Child(Item("extensions", i), "publicNumber"));
            }
        }

        for (var i = 0; i < definition.ParkingLots.Length; i++)
        {
            var lot = definition.ParkingLots[i];
            var path = Item("parking", i);
            if (problems.Has(Child(path, "firstSlot")) || problems.Has(Child(path, "slots")))
            {
                continue;
            }

            var last = lot.FirstSlot + lot.SlotCount - 1;
            for (var slot = lot.FirstSlot; slot <= last; slot++)
            {
                if (!Claim(slot.ToString(CultureInfo.InvariantCulture), $"parking lot {lot.Name} (slots {lot.FirstSlot}-{last})", Child(path, "firstSlot")))
                {
                    break;
                }
            }
        }

        for (var i = 0; i < definition.Queues.Length; i++)
        {
            if (definition.Queues[i].Number is { Length: > 0 } number)
            {
                Claim(number, $"queue {definition.Queues[i].Name}", Child(Item("queues", i), "number"));
            }
        }

        for (var i = 0; i < definition.RingGroups.Length; i++)
        {
            Claim(definition.RingGroups[i].Number, $"ring group {definition.RingGroups[i].Number}", Child(Item("ringGroups", i), "number"));
        }

        // A number already refused for itself claims nothing: a second mistake would follow from the first.
        bool Claim(string number, string owner, string path)
        {
            if (problems.Has(path) || owners.TryAdd(number, owner))
            {
                return true;
            }

            problems.Add(path, $"number {number} is already taken by {owners[number]}");
            return false;
        }
    }

    private static void Registrations(TenantDefinition definition, HashSet<string> extensions, FieldProblems problems)
    {
        foreach (var (extension, registration) in definition.Registrations.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var path = RegistrationPath(extension);
            if (Defined(extensions, extension, problems, path, "extension"))
            {
                ExtensionRules.CheckRegistration(registration, problems, path);
            }
        }
    }

    private static void Traffic(TenantDefinition definition, HashSet<string> extensions, FieldProblems problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        TenantIndex? catalogue = null;
        for (var i = 0; i < definition.Traffic.Length; i++)
        {
            var traffic = definition.Traffic[i];
            var path = Item("traffic", i);
            TrafficRules.Check(traffic, problems, path);
            if (!problems.Has(Child(path, "name")) && !names.Add(traffic.Name))
            {
                problems.Add(Child(path, "name"), $"traffic '{traffic.Name}' is defined twice");
            }

            // What the call model resolves when the call arrives (routed numbers aside): what a dialled number reaches is
            // decided in one place, TenantIndex.
            if (traffic.Kind == TrafficKind.Inbound && traffic.Target.Length > 0 &&
                (catalogue ??= new TenantIndex(TenantState.Of(definition), NumberRouting.Empty)).Resolve(traffic.Target).Kind is not (DestinationKind.Extension or DestinationKind.Queue or DestinationKind.RingGroup))
            {
                problems.Add(Child(path, "target"), $"'{traffic.Target}' is no extension, public number, queue or ring group of this scenario");
            }

            for (var s = 0; s < (traffic.Sources.IsDefault ? 0 : traffic.Sources.Length); s++)
            {
                Defined(extensions, traffic.Sources[s], problems, Item(Child(path, "sources"), s), "extension");
            }
        }
    }

    /// <summary>Whether a reference names something the definition has; a reference already refused for itself is left alone.</summary>
    private static bool Defined(HashSet<string> known, string name, FieldProblems problems, string path, string what)
    {
        if (problems.Has(path) || known.Contains(name))
        {
            return !problems.Has(path);
        }

        problems.Add(path, $"{what} '{name}' is not defined in this scenario");
        return false;
    }
}
