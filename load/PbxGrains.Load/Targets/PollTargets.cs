using PbxGrains.Load.Running;

namespace PbxGrains.Load.Targets;

/// <summary>What a poll target may address: the tenants of the run, their queues and their phones with live calls.</summary>
public sealed record PollContext(IReadOnlyList<LoadTenant> Tenants)
{
    /// <summary>Poll i's tenant: round robin over tenants, so each tenant is polled at rate/T.</summary>
    public LoadTenant Tenant(long i) => Tenants[(int)(i % Tenants.Count)];

    /// <summary>The path prefix that addresses poll i's tenant on a vendor surface.</summary>
    public string Prefix(long i) => $"/t/{Tenant(i).Id}";

    public string Queue(long i)
    {
        var queues = Tenant(i).Queues;
        return queues[(int)(i / Tenants.Count % queues.Count)];
    }

    public string Phone(long i)
    {
        var phones = Tenant(i).AgentPhones;
        return phones[(int)(i / Tenants.Count % phones.Count)];
    }
}

/// <summary>A named poll: the request for poll number i and what makes its answer good.</summary>
public sealed record PollTarget(string Name, string Description, Func<PollContext, long, string> Path, BodyCheck Check);

/// <summary>
/// The poll targets, by name (<c>--targets a,b</c>). Adding a vendor's poll is one line here: its name, what it is, the
/// request for poll i (tenant prefix, a queue or a phone of the run's tenants) and the check of its answer.
/// </summary>
public static class PollTargets
{
    public static readonly IReadOnlyList<PollTarget> All =
    [
        new("ipps-queueactive", "Taridium IPPS queueactive.php (res_cc=1): a queue's waiting and connected calls",
            (c, i) => $"{c.Prefix(i)}/ipps/queueactive.php?queue_name={c.Queue(i)}&res_cc=1", BodyChecks.TextOk),
        new("ipps-channelinfo", "Taridium IPPS channelinfo.php: the state of an agent's phone with a live call",
            (c, i) => $"{c.Prefix(i)}/ipps/channelinfo.php?channel=SIP/{c.Phone(i)}", BodyChecks.TextOk),
        new("voipsun-listcalls", "VoIPSUN api.php action=listcalls: every live call of the tenant",
            (c, i) => $"{c.Prefix(i)}/api/api.php?username=load&password=load&action=listcalls", BodyChecks.JsonSuccess),
        new("escaux-ccgetchannels", "Escaux ccGetChannels: every live channel of the tenant, in XML",
            (c, i) => $"{c.Prefix(i)}/xml/ccGetChannels", BodyChecks.TextOk),
    ];

    /// <summary>The baseline: a static answer of <paramref name="bytes"/> bytes from the same host, touching no grain.</summary>
    public static PollTarget Baseline(int bytes) => new("baseline", $"GET /load/baseline?bytes={bytes}: a static answer of the targets' size, no grain",
        (_, _) => $"/load/baseline?bytes={bytes}", BodyChecks.Status200);

    public static IReadOnlyList<PollTarget> Named(string names, List<string> problems)
    {
        var chosen = new List<PollTarget>();
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var target = All.FirstOrDefault(t => t.Name == name);
            if (target is null)
            {
                problems.Add($"--targets: unknown target '{name}' (known: {string.Join(", ", All.Select(t => t.Name))})");
            }
            else if (!chosen.Contains(target))
            {
                chosen.Add(target);
            }
        }

        return chosen;
    }
}
