using System.Globalization;
using System.Text;

namespace PbxGrains.Load.Targets;

/// <summary>The shape of a generated load tenant (see <see cref="LoadTenant.Build"/>).</summary>
/// <param name="Queues">Queues q001…; each gets its own inbound traffic generator.</param>
/// <param name="AgentsPerQueue">Auto-answering member phones per queue (each phone serves one queue).</param>
/// <param name="InitialCalls">Callers placed at once when the tenant loads, spread evenly over the queues.</param>
/// <param name="CallsPerHour">Poisson arrivals per hour, per queue, after the initial burst.</param>
/// <param name="Patience">Seconds an inbound caller waits before abandoning (null: waits until served).</param>
/// <param name="AgentTalk">Distribution of the agents' talk time, as scenario YAML (<c>{constant: 86400}</c>).</param>
/// <param name="ManualPhones">Phones answered only through the control API (call churn uses them).</param>
/// <param name="BusyPhones">Phones that are always busy: a call to one is set up and ended at once (the AMI probes).</param>
public sealed record TenantShape(
    int Queues,
    int AgentsPerQueue,
    int InitialCalls,
    double CallsPerHour,
    string? Patience,
    string AgentTalk,
    int ManualPhones,
    int BusyPhones = 0);

/// <summary>
/// A tenant the suite creates through the control API (<c>PUT /sim/tenants/{id}</c>) from a generated scenario
/// document: queues fed by the traffic engine, auto-answering agents, optional manual phones, IPPS enabled without
/// credentials, an Issabel pbxapi login for call churn and a manager (AMI) user.
/// </summary>
public sealed record LoadTenant(string Id, IReadOnlyList<string> Queues, IReadOnlyList<string> AgentPhones, IReadOnlyList<string> ManualPhones, string Yaml)
{
    public const string ApiUser = "load";
    public const string ApiPassword = "load-password";
    public const int FirstAgent = 20000;
    public const int FirstManual = 40000;
    public const int FirstBusy = 60000;

    /// <summary>The manager (AMI) user every load tenant has, reading and writing everything.</summary>
    public const string AmiUser = "load";

    public static LoadTenant Build(string id, TenantShape shape)
    {
        var queues = Enumerable.Range(1, shape.Queues).Select(q => $"q{q:000}").ToList();
        var agents = Enumerable.Range(FirstAgent, shape.Queues * shape.AgentsPerQueue).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        var manual = Enumerable.Range(FirstManual, shape.ManualPhones).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        var busy = Enumerable.Range(FirstBusy, shape.BusyPhones).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        var y = new StringBuilder();
        void Line(string text) => y.Append(text).Append('\n');
        Line($"tenant: {id}");
        Line($"name: Load suite tenant {id}");
        Line("seed: 7");
        Line("trunk: load");
        Line("outsideWorld:");
        Line("  - {pattern: \"_X.\", outcome: answer, delay: {constant: 0}}");
        var groups = false;
        void Group(string line)
        {
            if (!groups)
            {
                Line("extensionGroups:");
                groups = true;
            }

            Line(line);
        }

        if (busy.Count > 0)
        {
            Group(Inv($"  - {{from: {FirstBusy}, to: {FirstBusy + busy.Count - 1}, namePattern: \"Busy {{n}}\", registered: true, phone: {{mode: busy}}}}"));
        }

        if (agents.Count > 0)
        {
            Group(Inv($"  - {{from: {FirstAgent}, to: {FirstAgent + agents.Count - 1}, namePattern: \"Agent {{n}}\", registered: true, phone: {{mode: autoAnswer, answerDelay: {{constant: 1}}, talkTime: {shape.AgentTalk}}}}}"));
        }

        if (manual.Count > 0)
        {
            Group(Inv($"  - {{from: {FirstManual}, to: {FirstManual + manual.Count - 1}, namePattern: \"Phone {{n}}\", registered: true, phone: {{mode: manual}}}}"));
        }

        if (queues.Count > 0)
        {
            Line("queues:");
            for (var q = 0; q < queues.Count; q++)
            {
                var members = agents.Skip(q * shape.AgentsPerQueue).Take(shape.AgentsPerQueue).Select(a => $"\"{a}\"");
                Line($"  - {{name: {queues[q]}, strategy: rrmemory, members: [{string.Join(", ", members)}]}}");
            }

            Line("traffic:");
            for (var q = 0; q < queues.Count; q++)
            {
                // The burst is spread evenly; the first queues take the remainder.
                var initial = shape.InitialCalls / queues.Count + (q < shape.InitialCalls % queues.Count ? 1 : 0);
                var patience = shape.Patience is null ? "" : $", patience: {shape.Patience}";
                Line(Inv($"  - {{name: in-{queues[q]}, kind: inbound, target: {queues[q]}, callsPerHour: {shape.CallsPerHour}, initialCalls: {initial}{patience}}}"));
            }
        }

        Line("surfaces:");
        Line("  taridium: {IPPSEnabled: true, IPPSRequireSSL: false}");
        Line("  voipsun: {user.load: load}");
        Line($"  issabel: {{user.{ApiUser}: {ApiPassword}, accessTokenLifetime: \"86400\"}}");
        Line($"  ami: {{user.{AmiUser}: {ApiPassword}, read.{AmiUser}: all, write.{AmiUser}: all}}");
        return new LoadTenant(id, queues, agents, manual, y.ToString());
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
