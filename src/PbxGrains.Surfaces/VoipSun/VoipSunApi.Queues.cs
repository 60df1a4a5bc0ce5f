using System.Globalization;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.VoipSun;

public static partial class VoipSunApi
{
    /// <summary>
    /// queuestatus: the queue's parameters and statistics, its <c>members</c> keyed by member name and its
    /// <c>waiters</c> keyed by position, as the document's answer (every value a string, slashes escaped; an empty
    /// map is PHP's empty array <c>[]</c>). A queue that does not exist has no entry: <c>"results":[]</c>, as
    /// Asterisk's QueueStatus answers nothing for it.
    /// </summary>
    private static async Task<VoipSunAnswer> QueueStatusAsync(VoipSunRequest request)
    {
        if (!request.Has("queueName"))
        {
            return Missing();
        }

        var snapshot = await request.Services.Queues.GetAsync(request.Tenant, request["queueName"]);
        var results = new JsonArray();
        if (snapshot.Exists)
        {
            var devices = await Task.WhenAll(snapshot.Members.Select(m => request.Pbx.Extension(request.Tenant, m.Extension).GetAsync()));
            results.Add(QueueEntry(request.Directory, snapshot, devices, request.Pbx.Clock.Now));
        }

        return VoipSunAnswer.Php(new JsonObject { ["success"] = "true", ["results"] = results });
    }

    public static JsonObject QueueEntry(VoipSunTenant tenant, QueueSnapshot queue, IReadOnlyList<ExtensionView> devices, DateTimeOffset now)
    {
        var config = queue.Config ?? new QueueConfig { Name = queue.Name };
        var stats = queue.Statistics;
        var members = new JsonObject();
        for (var i = 0; i < queue.Members.Length; i++)
        {
            var member = queue.Members[i];
            var state = devices[i].Exists ? devices[i].DeviceState : DeviceState.Invalid;
            var name = member.MemberName.Length > 0 ? member.MemberName : member.Interface;
            members[name] = new JsonObject
            {
                ["agentName"] = name,
                ["channelStatus"] = LineText(state),
                ["location"] = tenant.LocationOf(member.Extension),
                ["loggedFrom"] = member.Interface,
                ["membership"] = member.Dynamic ? "dynamic" : "static",
                ["penalty"] = Text(member.Penalty),
                ["callsTaken"] = Text(member.CallsTaken),
                ["lastCall"] = Text(member.LastCall?.ToUnixTimeSeconds() ?? 0),
                ["isInCall"] = member.InCall ? "1" : "0",
                ["status"] = Text((int)state),
                ["paused"] = member.Paused ? "1" : "0",
            };
        }

        var waiters = new JsonObject();
        foreach (var caller in queue.Calls.Where(c => c.Status != QueueCallerStatus.Connected).OrderBy(c => c.Position))
        {
            waiters[Text(caller.Position)] = new JsonObject
            {
                ["position"] = Text(caller.Position),
                ["channel"] = caller.Channel,
                ["uniqueid"] = caller.CallId,
                ["callerIdNum"] = caller.CallerIdNumber,
                ["callerIdName"] = caller.CallerIdName,
                ["connectedLineNum"] = null,
                ["connectedLineName"] = null,
                ["wait"] = Text((long)Math.Max(0, (now - caller.Entered).TotalSeconds)),
            };
        }

        return new JsonObject
        {
            ["queueName"] = queue.Name,
            ["max"] = Text(config.MaxCallers),
            ["strategy"] = StrategyName(config.Strategy),
            ["calls"] = Text(queue.WaitingCount),
            ["holdTime"] = Text((long)Math.Round(stats.AverageHoldSeconds)),
            ["talkTime"] = Text((long)Math.Round(stats.AverageTalkSeconds)),
            ["completed"] = Text(stats.Completed),
            ["abandoned"] = Text(stats.Abandoned),
            ["serviceLevel"] = Text(config.ServiceLevelSeconds),
            // app_queue's ServicelevelPerf: answered within the service level over answered calls (abandons not counted).
            ["serviceLevelPerf"] = stats.AnsweredServiceLevelPercent.ToString("0.0", CultureInfo.InvariantCulture),
            ["weight"] = "0",

            // PHP's json_encode writes an empty array as [], not {}.
            ["members"] = members.Count == 0 ? new JsonArray() : members,
            ["waiters"] = waiters.Count == 0 ? new JsonArray() : waiters,
        };
    }

    public static string StrategyName(QueueStrategy strategy) => strategy switch
    {
        QueueStrategy.RingAll => "ringall",
        QueueStrategy.RoundRobin => "rrordered",
        QueueStrategy.LeastRecent => "leastrecent",
        QueueStrategy.FewestCalls => "fewestcalls",
        QueueStrategy.Random => "random",
        QueueStrategy.Linear => "linear",
        _ => "rrmemory",
    };

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
