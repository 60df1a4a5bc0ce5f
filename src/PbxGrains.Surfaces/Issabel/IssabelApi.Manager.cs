using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// <c>/pbxapi/manager/{action}</c>: the real server's manager controller (<c>controllers/manager.php</c>), a thin
/// wrapper over Asterisk's manager interface. Every action answers on GET with its parameters in the query, as the
/// real controller reads them; <c>dbput</c> also on POST and <c>dbdel</c> on DELETE with a form or JSON body (the
/// real controller reads a form body; clients send JSON), and <c>originate</c> also on POST in the document's shape.
/// Answers are the controller's: the AMI events as a bare JSON array, <c>{"status":"ok","message":…}</c> (or
/// <c>"error"</c>) for actions, always 200. The messages are Asterisk's own.
/// </summary>
public static partial class IssabelApi
{
    private static readonly string[] OriginateFields = ["channel", "extension", "exten", "context", "priority", "callerid", "timeout", "account"];

    private static void MapManager(RouteGroupBuilder manager)
    {
        manager.MapGet("", Instructions);
        manager.MapGet("/{action}", ManagerGetAsync);
        manager.MapPost("/originate", OriginateAsync);
        manager.MapPost("/dbput", DbPutFromBodyAsync);
        manager.MapDelete("/dbdel", DbDelFromBodyAsync);
        manager.MapMethods("/{action}", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch], IssabelAnswer.MethodNotAllowed);
    }

    /// <summary>GET /pbxapi/manager/{action}: one AMI action with the query's parameters.</summary>
    public static async Task<IssabelAnswer> ManagerGetAsync([AsParameters] IssabelRequest request, string action)
    {
        var query = new ManagerParameters(request.Context.Request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal));
        var (pbx, tenant) = (request.Pbx, request.Tenant);
        return action switch
        {
            "queuestatus" => await QueueStatusAsync(pbx, tenant, query.Get("queue")),
            "status" => await StatusAsync(pbx, tenant, query.Get("channel")),
            "extensionstate" => await ExtensionStateAsync(pbx, tenant, query),
            "dbput" => await DbPutAsync(pbx, tenant, query),
            "dbget" => await DbGetAsync(pbx, tenant, query),
            "dbdel" => await DbDelAsync(pbx, tenant, query),
            "dbdeltree" => DbAnswer(await pbx.KeyValues(tenant).DeleteTreeAsync(query.Get("family")) > 0),
            "dbshow" => await DbShowAsync(pbx, tenant, query.Get("family")),
            "queueadd" => await QueueAddAsync(pbx, tenant, query),
            "queueremove" => await QueueRemoveAsync(pbx, tenant, query),
            "queuepause" => await QueuePauseAsync(pbx, tenant, query, paused: true),
            "queueunpause" => await QueuePauseAsync(pbx, tenant, query, paused: false),
            "queuelog" => QueueLog(query),
            "userevent" => UserEvent(query),
            // Configuration changes take effect as they are made here, so a reload has nothing left to apply.
            "reload" => Ack(true, "Module Reloaded"),
            "hangup" => await HangupAsync(pbx, tenant, query),
            "getvar" => await GetVarAsync(pbx, tenant, query),
            "originate" => await OriginateFromQueryAsync(pbx, tenant, query),
            _ => Instructions(),
        };
    }

    /// <summary>What the real controller answers for no or an unknown action: each action and its parameters.</summary>
    public static IssabelAnswer Instructions()
    {
        var commands = new SortedDictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["queuestatus"] = ["[queue]"],
            ["status"] = ["[channel]"],
            ["extensionstate"] = ["extension", "[context]", "[uniqueid]"],
            ["dbget"] = ["family", "key"],
            ["dbput"] = ["family", "key", "value"],
            ["dbdel"] = ["family", "key"],
            ["dbshow"] = ["family"],
            ["queueadd"] = ["queue", "interface", "[penalty]", "[paused]", "[membername]", "[stateinterface]"],
            ["queueremove"] = ["queue", "interface"],
            ["queuepause"] = ["queue", "interface"],
            ["queueunpause"] = ["queue", "interface"],
            ["queuelog"] = ["queue", "event", "[uniqueid]", "[interface]", "[message]"],
            ["reload"] = [],
            ["getvar"] = ["channel", "variable"],
            ["hangup"] = ["channel", "[cause]"],
            ["userevent"] = ["event", "[@headers]"],
            ["originate"] = ["channel", "extension", "context", "priority", "[timeout]", "[callerid]", "[variable]", "[account]", "[application]", "[data]"],
        };
        var body = new JsonObject();
        foreach (var (name, parameters) in commands)
        {
            body[name] = new JsonArray([.. parameters.Select(p => (JsonNode?)JsonValue.Create(p))]);
        }

        return IssabelAnswer.Json(body);
    }

    /// <summary>QueueStatus: per queue its QueueParams event, then a QueueMember per member and a QueueEntry per caller.
    /// An unknown queue is an empty array, as Asterisk lists no queue for it.</summary>
    private static async Task<IssabelAnswer> QueueStatusAsync(PbxClient pbx, string tenant, string queue)
    {
        var snapshots = await pbx.ListQueuesAsync(tenant);
        var shown = snapshots.Where(s => s.Config is not null && (queue.Length == 0 || s.Config.Key() == queue || s.Name == queue))
            .OrderBy(s => s.Config!.Key(), StringComparer.Ordinal)
            .ToList();
        var members = shown.SelectMany(s => s.Members).Select(m => m.Extension).Distinct(StringComparer.Ordinal).ToList();
        var views = await Task.WhenAll(members.Select(m => pbx.Extension(tenant, m).GetAsync()));
        var states = members.Zip(views).ToDictionary(p => p.First, p => p.Second.Exists ? p.Second.DeviceState : DeviceState.Invalid, StringComparer.Ordinal);
        var now = pbx.Clock.Now;
        return IssabelAnswer.Json(new JsonArray([.. shown.SelectMany(s => s.AsQueueStatusEvents(states, now))]));
    }

    /// <summary>Status: one event per live channel, or for the one named (none when no such channel is live).</summary>
    private static async Task<IssabelAnswer> StatusAsync(PbxClient pbx, string tenant, string channel)
    {
        var channels = await pbx.ListChannelsAsync(tenant);
        var now = pbx.Clock.Now;
        return IssabelAnswer.Json(new JsonArray([.. channels
            .Where(c => channel.Length == 0 || string.Equals(c.Name, channel, StringComparison.OrdinalIgnoreCase))
            .Select(c => (JsonNode)c.AsStatusEvent(now))]));
    }

    /// <summary>ExtensionState: the AMI response itself (its Response, Message, Exten, Context, Hint, Status, StatusText).</summary>
    private static async Task<IssabelAnswer> ExtensionStateAsync(PbxClient pbx, string tenant, ManagerParameters query)
    {
        var extension = query.Get("extension");
        // Issabel's hints live in ext-local; a request without a context is answered from there (Asterisk would look in
        // "default" and find no hint, which no client asking for a phone's state wants).
        var context = query.Get("context") is { Length: > 0 } given ? given : "ext-local";
        ExtensionView? view = null;
        if (extension.Length > 0 && (await pbx.Tenant(tenant).ResolveAsync(extension)).Kind == DestinationKind.Extension)
        {
            view = await pbx.Extension(tenant, extension).GetAsync();
        }

        var (status, text) = view is { Exists: true } ? view.DeviceState.AsteriskExtensionState() : (-1, "Unknown");
        var answer = new JsonObject { ["Response"] = "Success" };
        if (query.Get("uniqueid") is { Length: > 0 } actionId)
        {
            answer["ActionID"] = actionId;
        }

        answer["Message"] = "Extension Status";
        answer["Exten"] = extension;
        answer["Context"] = context;
        answer["Hint"] = view is { Exists: true } ? view.Config.Device : "";
        answer["Status"] = status.ToString(CultureInfo.InvariantCulture);
        answer["StatusText"] = text;
        return IssabelAnswer.Json(answer);
    }

    private static async Task<IssabelAnswer> DbPutAsync(PbxClient pbx, string tenant, ManagerParameters query) =>
        DbAnswer((await pbx.KeyValues(tenant).PutAsync(query.Get("family"), query.Get("key"), query.Get("value"))).IsOk);

    private static async Task<IssabelAnswer> DbDelAsync(PbxClient pbx, string tenant, ManagerParameters query) =>
        DbAnswer(await pbx.KeyValues(tenant).DeleteAsync(query.Get("family"), query.Get("key")));

    /// <summary>DBGet: <c>{"result":value}</c>, an empty result when there is none.</summary>
    private static async Task<IssabelAnswer> DbGetAsync(PbxClient pbx, string tenant, ManagerParameters query) =>
        IssabelAnswer.Json(new JsonObject { ["result"] = await pbx.KeyValues(tenant).GetAsync(query.Get("family"), query.Get("key")) ?? "" });

    /// <summary>POST /pbxapi/manager/dbput with family, key and value in the body.</summary>
    public static async Task<IssabelAnswer> DbPutFromBodyAsync([AsParameters] IssabelRequest request) =>
        await FromBodyAsync(request, DbPutAsync);

    /// <summary>DELETE /pbxapi/manager/dbdel with family and key in the body.</summary>
    public static async Task<IssabelAnswer> DbDelFromBodyAsync([AsParameters] IssabelRequest request) =>
        await FromBodyAsync(request, DbDelAsync);

    private static async Task<IssabelAnswer> FromBodyAsync(IssabelRequest request, Func<PbxClient, string, ManagerParameters, Task<IssabelAnswer>> action)
    {
        var (fields, refusal) = await IssabelFields.ReadAsync(request.Context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in fields.Names.ToList())
        {
            if (fields.Text(name, IKeyValueStoreGrain.MaxValueLength) is { } text)
            {
                values[name] = text;
            }
        }

        // Query parameters count as well (the real controller's REQUEST), the body winning.
        foreach (var (name, value) in request.Context.Request.Query)
        {
            values.TryAdd(name, value.ToString());
        }

        return await action(request.Pbx, request.Tenant, new ManagerParameters(values));
    }

    /// <summary>
    /// DBShow: the controller regroups Asterisk's <c>/family/index/key</c> lines into <c>{index:{key:value}}</c>; for a
    /// family path (<c>AMPUSER/1000</c>) the index is what follows its first slash. A key directly under a plain family
    /// goes under index 0; the real controller loses its name there (an undefined variable), here it keeps it. PHP
    /// writes a map keyed 0, 1, … as a list, and so does this.
    /// </summary>
    private static async Task<IssabelAnswer> DbShowAsync(PbxClient pbx, string tenant, string family)
    {
        var entries = await pbx.KeyValues(tenant).ShowAsync(family);
        var groups = new List<(string Index, List<(string Key, string Value)> Items)>();
        var slash = family.IndexOf('/');
        var cut = family.Length == 0 ? 1 : family.Length + 2;
        foreach (var entry in entries)
        {
            if (entry.Path.Length < cut)
            {
                continue;
            }

            var rest = entry.Path[cut..];
            string index, key;
            if (slash > 0)
            {
                (index, key) = (family[(slash + 1)..], rest);
            }
            else if (rest.IndexOf('/') is > 0 and var at)
            {
                (index, key) = (rest[..at], rest[(at + 1)..]);
            }
            else
            {
                (index, key) = ("0", rest);
            }

            var group = groups.FindIndex(g => g.Index == index);
            if (group < 0)
            {
                groups.Add((index, []));
                group = groups.Count - 1;
            }

            groups[group].Items.RemoveAll(i => i.Key == key);
            groups[group].Items.Add((key, entry.Value));
        }

        return IssabelAnswer.Json(PhpMap(groups.Select(g => (g.Index, PhpMap(g.Items.Select(i => (i.Key, (JsonNode)JsonValue.Create(i.Value)!)))))));
    }

    /// <summary>A PHP array as json_encode writes it: a list when its keys are 0, 1, … in order, else an object.</summary>
    private static JsonNode PhpMap(IEnumerable<(string Key, JsonNode Value)> items)
    {
        var list = items.ToList();
        if (list.Count > 0 && list.Select((item, i) => item.Key == i.ToString(CultureInfo.InvariantCulture)).All(b => b))
        {
            return new JsonArray([.. list.Select(i => (JsonNode?)i.Value)]);
        }

        var map = new JsonObject();
        foreach (var (key, value) in list)
        {
            map[key] = value;
        }

        return map;
    }

    /// <summary>QueueAdd: the interface is the phone of an extension (<c>SIP/1000</c>, <c>Local/1000@from-queue/n</c>).</summary>
    private static async Task<IssabelAnswer> QueueAddAsync(PbxClient pbx, string tenant, ManagerParameters query)
    {
        if (query.Get("queue").Length == 0)
        {
            return Ack(false, "'Queue' not specified.");
        }

        if (query.Get("interface").Length == 0)
        {
            return Ack(false, "'Interface' not specified.");
        }

        if (await FindQueueAsync(pbx, tenant, query.Get("queue")) is not { } queue)
        {
            return Ack(false, "Unable to add interface to queue: No such queue");
        }

        // Asterisk takes any interface; a member here is an extension, so one no extension answers is refused.
        if (await MemberExtensionAsync(pbx, tenant, query.Get("interface")) is not { } extension)
        {
            return Ack(false, "Unable to add interface: No such extension");
        }

        // Asterisk reads a penalty that is not a whole number >= 0 as 0, and "paused" as a truth value.
        var penalty = int.TryParse(query.Get("penalty"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var result = await pbx.Queue(tenant, queue.Name).AddMemberAsync(new QueueMemberConfig
        {
            Extension = extension,
            Penalty = penalty,
            Paused = IsTrue(query.Get("paused")),
            MemberName = query.Get("membername"),
            Interface = query.Get("interface"),
        });
        return result.Error switch
        {
            DomainError.None => Ack(true, "Added interface to queue"),
            DomainError.QueueMemberExists => Ack(false, "Unable to add interface: Already there"),
            DomainError.QueueNotFound => Ack(false, "Unable to add interface to queue: No such queue"),
            _ => Ack(false, $"Unable to add interface: {result.Detail ?? result.Error.ToString()}"),
        };
    }

    private static async Task<IssabelAnswer> QueueRemoveAsync(PbxClient pbx, string tenant, ManagerParameters query)
    {
        if (query.Get("queue").Length == 0 || query.Get("interface").Length == 0)
        {
            return Ack(false, "Need 'Queue' and 'Interface' parameters.");
        }

        if (await FindQueueAsync(pbx, tenant, query.Get("queue")) is not { } queue)
        {
            return Ack(false, "Unable to remove interface from queue: No such queue");
        }

        var extension = await MemberOfQueueAsync(pbx, tenant, queue.Name, query.Get("interface"));
        if (extension is null)
        {
            return Ack(false, "Unable to remove interface: Not there");
        }

        var result = await pbx.Queue(tenant, queue.Name).RemoveMemberAsync(extension);
        return result.Error switch
        {
            DomainError.None => Ack(true, "Removed interface from queue"),
            DomainError.QueueMemberNotFound => Ack(false, "Unable to remove interface: Not there"),
            DomainError.QueueNotFound => Ack(false, "Unable to remove interface from queue: No such queue"),
            _ => Ack(false, $"Unable to remove interface: {result.Detail ?? result.Error.ToString()}"),
        };
    }

    /// <summary>QueuePause: in the named queue, or (no queue) in every queue the interface is a member of.</summary>
    private static async Task<IssabelAnswer> QueuePauseAsync(PbxClient pbx, string tenant, ManagerParameters query, bool paused)
    {
        var iface = query.Get("interface");
        if (iface.Length == 0)
        {
            return Ack(false, "Need 'Interface' and 'Paused' parameters.");
        }

        var names = new List<string>();
        if (query.Get("queue") is { Length: > 0 } wanted)
        {
            if (await FindQueueAsync(pbx, tenant, wanted) is { } queue)
            {
                names.Add(queue.Name);
            }
        }
        else
        {
            names.AddRange((await pbx.Tenant(tenant).GetAsync())?.Queues ?? []);
        }

        var done = false;
        foreach (var name in names)
        {
            if (await MemberOfQueueAsync(pbx, tenant, name, iface) is { } extension)
            {
                done |= (await pbx.Queue(tenant, name).PauseMemberAsync(extension, paused, "")).IsOk;
            }
        }

        return done ? Ack(true, paused ? "Interface paused successfully" : "Interface unpaused successfully") : Ack(false, "Interface not found");
    }

    /// <summary>
    /// QueueLog writes a custom line to Asterisk's queue_log file. This simulator keeps no queue_log (no surface reads
    /// one), so the line is checked as Asterisk checks it and acknowledged.
    /// </summary>
    private static IssabelAnswer QueueLog(ManagerParameters query) =>
        query.Get("queue").Length == 0 || query.Get("event").Length == 0
            ? Ack(false, "Need 'Queue' and 'Event' parameters.")
            : Ack(true, "Event added successfully");

    /// <summary>
    /// UserEvent: Asterisk sends the event to its AMI listeners and answers "Event Sent". No surface here streams AMI
    /// events, so there is nobody to send it to, as on a PBX with no listener. (The real controller does not wait for
    /// Asterisk's answer and so reports "error" with an empty message even when the event went out; the outcome
    /// Asterisk reports is answered here instead.)
    /// </summary>
    private static IssabelAnswer UserEvent(ManagerParameters query) =>
        query.Get("event").Length == 0 ? Ack(false, "No event header specified") : Ack(true, "Event Sent");

    /// <summary>Hangup: the channel by its name; a cause that is not a known Q.850 number hangs up normally, as Asterisk does.</summary>
    private static async Task<IssabelAnswer> HangupAsync(PbxClient pbx, string tenant, ManagerParameters query)
    {
        var channel = query.Get("channel");
        if (channel.Length == 0)
        {
            return Ack(false, "No channel specified");
        }

        var cause = int.TryParse(query.Get("cause"), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && Enum.IsDefined((HangupCause)code) && code != 0
            ? (HangupCause)code
            : HangupCause.NormalClearing;
        var live = await FindLiveChannelAsync(pbx, tenant, channel);
        if (live is null)
        {
            return Ack(false, "No such channel");
        }

        var result = await pbx.HangupAsync(tenant, live, cause);
        return result.IsOk || result.Error == DomainError.CallEnded ? Ack(true, "Channel Hungup") : Ack(false, "No such channel");
    }

    /// <summary>GetVar: a channel's variable (empty when it is not set, as Asterisk answers); without a channel, a
    /// global variable, of which this simulator has none.</summary>
    private static async Task<IssabelAnswer> GetVarAsync(PbxClient pbx, string tenant, ManagerParameters query)
    {
        var variable = query.Get("variable");
        if (variable.Length == 0)
        {
            return Ack(false, "No variable specified");
        }

        var value = "";
        if (query.Get("channel") is { Length: > 0 } channel)
        {
            if (await FindLiveChannelAsync(pbx, tenant, channel) is not { } live)
            {
                return Ack(false, "No such channel");
            }

            var found = await pbx.GetVariableAsync(tenant, live, variable);
            if (found.Error == DomainError.ChannelNotFound)
            {
                return Ack(false, "No such channel");
            }

            value = found.Value ?? "";
        }

        return IssabelAnswer.Json(new JsonObject { ["status"] = "ok", ["variable"] = variable, ["value"] = value });
    }

    /// <summary>
    /// GET /pbxapi/manager/originate?channel=SIP/1000&amp;extension=1001[&amp;context&amp;priority&amp;timeout (ms)&amp;callerid&amp;account]:
    /// the source phone rings first, then the extension is dialled.
    /// </summary>
    private static async Task<IssabelAnswer> OriginateFromQueryAsync(PbxClient pbx, string tenant, ManagerParameters query)
    {
        var channel = query.Get("channel");
        if (channel.Length == 0)
        {
            return Ack(false, "Channel not specified");
        }

        var destination = query.Get("extension") is { Length: > 0 } e ? e : query.Get("exten");
        if (query.Get("priority") is { Length: > 0 } priority && !int.TryParse(priority, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Ack(false, "Invalid priority");
        }

        int? timeout = null;
        if (query.Get("timeout") is { Length: > 0 } timeoutText)
        {
            if (!int.TryParse(timeoutText, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            {
                return Ack(false, "Invalid timeout");
            }

            timeout = ms;
        }

        // Running an application instead of dialling an extension is beyond the call model.
        if (!DialableNumber.IsValid(destination.TrimStart('+')) || channel.Length > 80 || query.Get("callerid").Length > 120 || query.Get("account").Length > 80)
        {
            return Ack(false, "Originate failed");
        }

        var source = await pbx.Tenant(tenant).FindExtensionAsync(channel.Contains('/') ? ExtensionLookup.Device : ExtensionLookup.Number, channel);
        if (source is null)
        {
            return Ack(false, "Originate failed");
        }

        var (cidName, cidNumber) = ParseCallerId(query.Get("callerid"));
        var result = await pbx.OriginateAsync(tenant, new OriginateRequest
        {
            SourceExtension = source,
            Destination = destination,
            SourceCallerIdName = cidName,
            SourceCallerIdNumber = cidNumber,
            AccountCode = query.Get("account") is { Length: > 0 } account ? account : null,
            SourceRingTimeoutSeconds = timeout is { } t ? Math.Clamp(t / 1000, 1, 600) : null,
        });
        return Ack(result.IsOk, result.IsOk ? "Originate successfully queued" : "Originate failed");
    }

    /// <summary>
    /// POST /pbxapi/manager/originate (the document's variant): <c>channel</c> (the source phone: <c>SIP/1000</c> or
    /// <c>1000</c>) rings first, then <c>extension</c> (or <c>exten</c>) is dialled, as AMI's Originate into
    /// from-internal does. Its answer and errors are the REST resources' (<c>{"status":"success","results":[…]}</c>).
    /// </summary>
    public static async Task<IssabelAnswer> OriginateAsync([AsParameters] IssabelRequest request)
    {
        var (fields, refusal) = await IssabelFields.ReadAsync(request.Context.Request);
        if (fields is null)
        {
            return refusal!;
        }

        fields.RejectUnknown(OriginateFields);
        var channel = fields.Text("channel", 80);
        var destination = fields.Text("extension", 40) ?? fields.Text("exten", 40);
        fields.Text("context", 80);
        fields.Integer("priority", 1, 1000);
        var callerId = fields.Text("callerid", 120);
        var timeout = fields.Integer("timeout", 1000, 600_000);
        var account = fields.Text("account", 80);
        if (channel is null)
        {
            fields.Problem("channel: is required");
        }

        if (destination is null)
        {
            fields.Problem("extension: is required");
        }
        else if (!DialableNumber.IsValid(destination.TrimStart('+')))
        {
            fields.Problem("extension: must be a number");
        }

        if (!fields.IsValid)
        {
            return IssabelAnswer.Invalid(fields.Problems);
        }

        var (pbx, tenant) = (request.Pbx, request.Tenant);
        var source = await pbx.Tenant(tenant).FindExtensionAsync(channel!.Contains('/') ? ExtensionLookup.Device : ExtensionLookup.Number, channel);
        if (source is null)
        {
            return IssabelAnswer.NotFound();
        }

        var (cidName, cidNumber) = ParseCallerId(callerId);
        var result = await pbx.OriginateAsync(tenant, new OriginateRequest
        {
            SourceExtension = source,
            Destination = destination!,
            SourceCallerIdName = cidName,
            SourceCallerIdNumber = cidNumber,
            AccountCode = account,
            SourceRingTimeoutSeconds = timeout is { } ms ? Math.Max(1, ms / 1000) : null,
        });
        if (!result.IsOk)
        {
            return IssabelAnswer.FromDomain(result.AsResult(), "channel");
        }

        return IssabelAnswer.Records([new JsonObject
        {
            ["response"] = "Success",
            ["message"] = "Originate successfully queued",
            ["uniqueid"] = result.Value!.CallId,
        }]);
    }

    /// <summary>The extension a queue interface names: a device (<c>SIP/1000</c>) or a local channel to a number.</summary>
    private static async Task<string?> MemberExtensionAsync(PbxClient pbx, string tenant, string iface)
    {
        if (iface.Length > 120)
        {
            return null;
        }

        if (LocalInterface().Match(iface) is { Success: true } local)
        {
            var number = local.Groups["number"].Value;
            return (await pbx.Tenant(tenant).ResolveAsync(number)).Kind == DestinationKind.Extension ? number : null;
        }

        return iface.Contains('/') ? await pbx.Tenant(tenant).FindExtensionAsync(ExtensionLookup.Device, iface) : null;
    }

    /// <summary>The member of a queue an interface names: by the interface it was added with, or by its extension.</summary>
    private static async Task<string?> MemberOfQueueAsync(PbxClient pbx, string tenant, string queue, string iface)
    {
        var snapshot = await pbx.Queue(tenant, queue).GetSnapshotAsync();
        if (snapshot.Members.FirstOrDefault(m => string.Equals(m.Interface, iface, StringComparison.OrdinalIgnoreCase)) is { } byInterface)
        {
            return byInterface.Extension;
        }

        var extension = await MemberExtensionAsync(pbx, tenant, iface);
        return extension is not null && snapshot.Members.Any(m => m.Extension == extension) ? extension : null;
    }

    /// <summary>A live channel by its name (AMI compares channel names without regard to case).</summary>
    private static async Task<string?> FindLiveChannelAsync(PbxClient pbx, string tenant, string channel)
    {
        if (channel.Length > 120)
        {
            return null;
        }

        var channels = await pbx.ListChannelsAsync(tenant);
        return channels.FirstOrDefault(c => string.Equals(c.Name, channel, StringComparison.OrdinalIgnoreCase))?.Name;
    }

    private static IssabelAnswer Ack(bool ok, string message) =>
        IssabelAnswer.Json(new JsonObject { ["status"] = ok ? "ok" : "error", ["message"] = message });

    private static IssabelAnswer DbAnswer(bool ok) => IssabelAnswer.Json(new JsonObject { ["status"] = ok ? "ok" : "error" });

    /// <summary>Asterisk's ast_true: yes, true, y, t, 1, on.</summary>
    private static bool IsTrue(string value) =>
        value.ToLowerInvariant() is "yes" or "true" or "y" or "t" or "1" or "on";

    /// <summary>"Name &lt;number&gt;", a bare number, or a bare name.</summary>
    private static (string? Name, string? Number) ParseCallerId(string? callerId)
    {
        if (string.IsNullOrWhiteSpace(callerId))
        {
            return (null, null);
        }

        var match = CallerIdPattern().Match(callerId);
        if (match.Success)
        {
            var name = match.Groups["name"].Value.Trim().Trim('"');
            return (name.Length > 0 ? name : null, match.Groups["number"].Value);
        }

        return DialableNumber.IsValid(callerId.Trim().TrimStart('+')) ? (null, callerId.Trim()) : (callerId.Trim(), null);
    }

    [GeneratedRegex(@"^(?<name>[^<]*)<(?<number>[^>]*)>\s*$")]
    private static partial Regex CallerIdPattern();

    [GeneratedRegex(@"^Local/(?<number>[0-9*#]{1,20})@[^/]+(/n)?$", RegexOptions.IgnoreCase)]
    private static partial Regex LocalInterface();

    /// <summary>The parameters of a manager action (the real controller's REQUEST): absent reads as empty, as in PHP.</summary>
    private sealed class ManagerParameters(IReadOnlyDictionary<string, string> values)
    {
        public string Get(string name) => values.TryGetValue(name, out var value) ? value : "";
    }
}
