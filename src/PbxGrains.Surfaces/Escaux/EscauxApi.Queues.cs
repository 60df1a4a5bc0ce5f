using System.Globalization;
using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>Queues: dbGetQueueInfo, ccGetQueueMembers, ccGetQueueStatus, adding, removing and pausing phones.</summary>
public static partial class EscauxApi
{
    /// <summary>ccQueuePauseAll's codes.</summary>
    internal static class PauseAllCode
    {
        public const int PauseFailed = 0;
        public const int PauseSucceeded = 1;
        public const int UnpauseFailed = 2;
        public const int UnpauseSucceeded = 3;
    }

    /// <summary>The tenant's queues, or those named <paramref name="only"/> (names ignore case).</summary>
    private static async Task<List<QueueSnapshot>> QueuesAsync(EscauxRequest request, string? only = null) =>
        [.. await request.Pbx.ListQueuesAsync(request.Tenant, only is null ? null : n => string.Equals(n, only, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The queues' resource ids (the number that dials each, else its name) and names.</summary>
    public static async Task<EscauxAnswer> GetQueueInfoAsync(EscauxRequest request) =>
        new(new XElement("Queues", (await QueuesAsync(request)).Select(q => new XElement("Queue",
            new XElement("Id", string.IsNullOrEmpty(q.Config?.Number) ? q.Name : q.Config.Number),
            new XElement("Name", q.Name)))), null);

    public static async Task<EscauxAnswer> GetQueueStatusAsync(EscauxRequest request)
    {
        var queues = request.Text("queue") is { } only ? await QueuesAsync(request, only) : await QueuesAsync(request);
        return new EscauxAnswer(new XElement("Queues", queues.Select(q => new XElement("Queue",
            new XElement("Name", q.Name),
            new XElement("Calls", q.WaitingCount.ToString(CultureInfo.InvariantCulture))))), null);
    }

    public static async Task<EscauxAnswer> GetQueueMembersAsync(EscauxRequest request)
    {
        var queues = request.Text("queue") is { } only ? await QueuesAsync(request, only) : await QueuesAsync(request);
        var phone = request.Text("phone");
        var members = new XElement("Members");
        foreach (var queue in queues)
        {
            foreach (var member in queue.Members)
            {
                var extension = await EscauxData.ExtensionAsync(request, member.Extension);
                var config = extension?.Config;
                // Always a phone resource (EscauxPhoneIds): the phone the member was added with when it is one of the
                // line's phones, else the line's primary, else the line's virtual phone (also for a line since deleted).
                var rung = member.Interface[(member.Interface.IndexOf('/', StringComparison.Ordinal) + 1)..];
                var phoneId = config is null ? EscauxPhoneIds.Virtual(request.Tenant, member.Extension)
                    : config.DeviceIds.Contains(rung, StringComparer.OrdinalIgnoreCase) ? rung
                    : EscauxPhoneIds.Of(request.Tenant, config);
                if (phone is not null && !string.Equals(phone, phoneId, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                // The name and extension are known when the member's phone is a line's phone: its primary, its
                // secondary, or the virtual phone of a line without any.
                members.Add(new XElement("Member",
                    new XElement("Name", config is null ? "" : DisplayName(config)),
                    new XElement("Ext", config?.Number ?? ""),
                    new XElement("Phone", phoneId),
                    new XElement("Queue", queue.Name),
                    new XElement("Status", MemberStatus(extension?.DeviceState ?? DeviceState.Invalid)),
                    new XElement("Membership", member.Dynamic ? "dynamic" : "static"),
                    new XElement("Paused", member.Paused ? 1 : 0)));
            }
        }

        return new EscauxAnswer(members, null);
    }

    private static string DisplayName(ExtensionConfig config) =>
        config.Person is { } p && (p.FirstName.Length > 0 || p.LastName.Length > 0) ? $"{p.FirstName} {p.LastName}".Trim() : config.CallerIdName;

    /// <summary>The document lists 0 to 6; ringing while in use counts as ringing and on hold as in use.</summary>
    private static int MemberStatus(DeviceState state) => state switch
    {
        DeviceState.RingInUse => (int)DeviceState.Ringing,
        DeviceState.OnHold => (int)DeviceState.InUse,
        _ => (int)state,
    };

    public static async Task<EscauxAnswer> QueueAddAsync(EscauxRequest request) =>
        EscauxAnswer.Result("ccQueueAdd", await MembershipCodeAsync(request, [request.Text("queue")], add: true));

    public static async Task<EscauxAnswer> QueueRemoveAsync(EscauxRequest request) =>
        EscauxAnswer.Result("ccQueueRemove", await MembershipCodeAsync(request, [request.Text("queue")], add: false));

    /// <summary>fusionQueuesSet: <c>queues</c> may name several queues, comma-separated.</summary>
    public static async Task<EscauxAnswer> QueuesSetAsync(EscauxRequest request) =>
        EscauxAnswer.Result("fusionQueuesSet", await MembershipCodeAsync(request, QueueList(request), add: true));

    public static async Task<EscauxAnswer> QueuesRemoveAsync(EscauxRequest request) =>
        EscauxAnswer.Result("fusionQueuesRemove", await MembershipCodeAsync(request, QueueList(request), add: false));

    private static string?[] QueueList(EscauxRequest request) =>
        request.Text("queues")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } list ? [.. list] : [null];

    private static async Task<int> MembershipCodeAsync(EscauxRequest request, string?[] queues, bool add)
    {
        var owner = await EscauxData.PhoneOwnerAsync(request, request.Text("phone"));
        if (owner is null || queues.Any(q => q is null))
        {
            return 1;
        }

        var failed = false;
        foreach (var queue in queues)
        {
            var snapshots = await QueuesAsync(request, queue);
            if (snapshots.Count == 0)
            {
                failed = true;
                continue;
            }

            var grain = request.Pbx.Queue(request.Tenant, snapshots[0].Name);
            // The member rings the line; its interface names the phone added, as the product's queue member is that phone.
            var phone = owner.Config.DeviceIds.FirstOrDefault(d => string.Equals(d, request.Text("phone"), StringComparison.OrdinalIgnoreCase));
            var result = add
                ? await grain.AddMemberAsync(new QueueMemberConfig
                {
                    Extension = owner.Config.Number,
                    MemberName = DisplayName(owner.Config),
                    Interface = phone is null ? "" : $"{owner.Config.Tech}/{phone}",
                })
                : await grain.RemoveMemberAsync(owner.Config.Number);
            failed |= !result.IsOk;
        }

        return failed ? 1 : 0;
    }

    public static async Task<EscauxAnswer> QueuePauseAsync(EscauxRequest request)
    {
        var paused = Paused(request);
        var owner = await EscauxData.PhoneOwnerAsync(request, request.Text("phone"));
        var queues = request.Text("queue") is { } name ? await QueuesAsync(request, name) : [];
        if (paused is null || owner is null || queues.Count == 0 ||
            !(await request.Pbx.Queue(request.Tenant, queues[0].Name).PauseMemberAsync(owner.Config.Number, paused.Value, "")).IsOk)
        {
            return EscauxAnswer.Result("ccQueuePauseResult", 1);
        }

        return new EscauxAnswer(new XElement("ccQueuePauseResult", new XElement("Paused", paused.Value ? 1 : 0), new XElement("Queue", queues[0].Name)), null);
    }

    public static async Task<EscauxAnswer> QueuePauseAllAsync(EscauxRequest request)
    {
        var paused = Paused(request);
        var owner = await EscauxData.PhoneOwnerAsync(request, request.Text("phone"));
        var ok = false;
        if (paused is not null && owner is not null)
        {
            var memberOf = (await QueuesAsync(request)).Where(q => q.Members.Any(m => m.Extension == owner.Config.Number)).ToList();
            var results = await Task.WhenAll(memberOf.Select(q => request.Pbx.Queue(request.Tenant, q.Name).PauseMemberAsync(owner.Config.Number, paused.Value, "")));
            ok = results.Length > 0 && results.All(r => r.IsOk);
        }

        return PauseAllReply(paused != false, ok);
    }

    private static EscauxAnswer PauseAllFailure(EscauxRequest request) => PauseAllReply(Paused(request) != false, ok: false);

    private static EscauxAnswer PauseAllReply(bool pause, bool ok) => new(new XElement("PauseAll", new XElement("Result",
        pause ? (ok ? PauseAllCode.PauseSucceeded : PauseAllCode.PauseFailed) : (ok ? PauseAllCode.UnpauseSucceeded : PauseAllCode.UnpauseFailed))), null);

    private static bool? Paused(EscauxRequest request) => request.Text("paused")?.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}
