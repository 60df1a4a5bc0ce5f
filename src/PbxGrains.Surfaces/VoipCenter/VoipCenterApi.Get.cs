using System.Globalization;
using Microsoft.AspNetCore.Http;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.VoipCenter;

public static partial class VoipCenterApi
{
    private static readonly string[] Menus = ["sipacc", "did", "feestdagen", "vakanties", "kantooruren", "routes", "backuproutes", "calls", "indicator", "hddesk", "hdtemplate"];

    /// <summary>The product's menu of websocket keys (not in the document): <c>id</c> is a user name, not a number.</summary>
    private const string WebSocketKeyMenu = "wskey";

    /// <summary>
    /// A successful answer is the data itself (see <see cref="VoipCenterAnswer"/>): <c>id=0</c> the map keyed
    /// <c>id_N</c>, <c>id=N</c> the item; errors keep <c>head</c>/<c>body</c>.
    /// </summary>
    private static async Task<VoipCenterAnswer> GetMenuAsync(VoipCenterRequest request)
    {
        var menu = request["m"];
        var filter = request["filter"];
        if (menu == WebSocketKeyMenu)
        {
            return filter.Length > 0 ? request.HeadError(VoipCenterErrors.ParamNotCorrect) : WebSocketKey(request);
        }

        if (!Menus.Contains(menu) || ParseId(request["id"]) is not { } id || (filter.Length > 0 && id != 0))
        {
            return request.HeadError(VoipCenterErrors.ParamNotCorrect);
        }

        IReadOnlyList<(int Id, PhpArray Item)>? items;
        if (menu == "sipacc")
        {
            items = await SipAccountsAsync(request);
        }
        else if (menu == "calls")
        {
            DateOnly day;
            if (filter.Length == 0)
            {
                day = DateOnly.FromDateTime(request.Services.Pbx.Clock.Now.UtcDateTime);
            }
            else if (!DateOnly.TryParseExact(filter, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return request.HeadError(VoipCenterErrors.ParamNotCorrect);
            }

            items = await CallsAsync(request, day, id);
            filter = "";
        }
        else
        {
            var routing = await RoutingAsync(request);
            items = routing is null ? null : VoipCenterItems.Of(menu, routing, await AccountIdsAsync(request, routing));
        }

        if (items is null)
        {
            return request.BodyError(VoipCenterErrors.CouldNotConnect);
        }

        if (id == 0)
        {
            var list = new PhpArray();
            foreach (var (itemId, item) in items.Where(i => Matches(i.Item, filter)))
            {
                list.Add(new($"id_{itemId.ToString(CultureInfo.InvariantCulture)}", VoipCenterItems.ListEntry(menu, item)));
            }

            return request.Data(list);
        }

        if (items.FirstOrDefault(i => i.Id == id).Item is not { } one)
        {
            return request.BodyError(VoipCenterErrors.IncorrectId);
        }

        // One indicator is its state alone, as the product answers and the Home Assistant integration reads it: {"actief":"1"}.
        return request.Data(menu == "indicator" ? new PhpArray().Set("actief", (string)one.First(p => p.Key == "actief").Value) : one);
    }

    /// <summary>
    /// <c>m=wskey&amp;id={user name}</c>: the key a user registers with on the product's websocket notification server
    /// (the Home Assistant integration asks for it, by POST, when a websocket user name is configured). The simulator
    /// runs no such server, so no user has a key: the answer is an empty, well-formed item (PHP's empty array: <c>[]</c>
    /// in JSON) rather than error 17, because the menu and the request are correct: error 17 would tell the client its
    /// parameters are wrong. A client that finds no <c>username</c>/<c>wskey</c> in it goes on without events, as the
    /// integration does; a made-up key would only send it to a server that is not there.
    /// </summary>
    private static VoipCenterAnswer WebSocketKey(VoipCenterRequest request) => request.Data(new PhpArray());

    /// <summary>The document: a name fragment (the logical name), or a run of digits in a number.</summary>
    private static bool Matches(PhpArray item, string filter) =>
        filter.Length == 0 || item.Any(p => p.Key is "naam" or "logname" or "nummer" or "sipaccount" && p.Value is string text &&
            text.Contains(filter, StringComparison.OrdinalIgnoreCase));

    private static int? ParseId(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>SIP accounts are the tenant's extensions that have a database id (their VoipCenter id).</summary>
    private static async Task<IReadOnlyList<(int, PhpArray)>?> SipAccountsAsync(VoipCenterRequest request)
    {
        var pbx = request.Services.Pbx;
        if (await pbx.Tenant(request.Tenant).GetAsync() is not { } catalogue)
        {
            return null;
        }

        var extensions = await pbx.ListExtensionsAsync(catalogue);
        return [.. extensions.Where(e => e.Config.DatabaseId is not null)
            .OrderBy(e => e.Config.DatabaseId)
            .Select(e => (e.Config.DatabaseId!.Value, VoipCenterItems.SipAccount(e)))];
    }

    /// <summary>The SIP account ids of the extensions logged in at hot desks (desks name extensions; the API names accounts).</summary>
    private static async Task<IReadOnlyDictionary<string, string>> AccountIdsAsync(VoipCenterRequest request, NumberRouting routing)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var extension in routing.HotDesks.Select(d => d.Extension).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var config = (await request.Services.Pbx.Extension(request.Tenant, extension).GetAsync()).Config;
            ids[extension] = config.DatabaseId?.ToString(CultureInfo.InvariantCulture) ?? "";
        }

        return ids;
    }

    /// <summary>
    /// The day's calls; with an id, that one call only, found through the day's CDR index by its sequence number (one
    /// bucket and one segment) rather than by reading the whole day.
    /// </summary>
    private static async Task<IReadOnlyList<(int, PhpArray)>?> CallsAsync(VoipCenterRequest request, DateOnly day, int id)
    {
        if (await request.Services.Pbx.Tenant(request.Tenant).GetSettingsAsync() is null)
        {
            return null;
        }

        if (id != 0)
        {
            var cdr = await request.Services.Pbx.FindCdrBySequenceAsync(request.Tenant, id, day, days: 1);
            return cdr is not null && VoipCenterItems.CallId(cdr.UniqueId) == id ? [(id, VoipCenterItems.Call(cdr))] : [];
        }

        var cdrs = await request.Services.Pbx.ListCdrsAsync(request.Tenant, day);
        return [.. cdrs.Select(c => (VoipCenterItems.CallId(c.UniqueId), VoipCenterItems.Call(c))).Where(c => c.Item1 > 0)];
    }
}
