using System.Globalization;
using Microsoft.AspNetCore.Http;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.VoipCenter;

public static partial class VoipCenterApi
{
    private static readonly string[] Menus = ["sipacc", "did", "feestdagen", "vakanties", "kantooruren", "routes", "backuproutes", "calls", "indicator", "hddesk", "hdtemplate"];

    private static async Task<IResult> GetMenuAsync(VoipCenterRequest request)
    {
        var menu = request["m"];
        var filter = request["filter"];
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

            items = await CallsAsync(request, day);
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
                list.Set($"id_{itemId.ToString(CultureInfo.InvariantCulture)}", item);
            }

            return request.Ok(list);
        }

        if (items.FirstOrDefault(i => i.Id == id).Item is not { } one)
        {
            return request.BodyError(VoipCenterErrors.IncorrectId);
        }

        // One indicator is its state alone, as the product answers: {"actief":"1"}.
        return request.Ok(menu == "indicator" ? new PhpArray().Set("actief", (string)one.First(p => p.Key == "actief").Value) : one);
    }

    /// <summary>The document: a name fragment, or a run of digits in a number.</summary>
    private static bool Matches(PhpArray item, string filter) =>
        filter.Length == 0 || item.Any(p => p.Key is "naam" or "nummer" or "sipaccount" && p.Value is string text &&
            text.Contains(filter, StringComparison.OrdinalIgnoreCase));

    private static int? ParseId(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>SIP accounts are the tenant's extensions that have a database id (their VoipCenter id).</summary>
    private static async Task<IReadOnlyList<(int, PhpArray)>?> SipAccountsAsync(VoipCenterRequest request)
    {
        var pbx = request.Services.Pbx;
        if (await pbx.Tenant(request.Tenant).GetAsync() is not { } view)
        {
            return null;
        }

        var extensions = await Task.WhenAll(view.Extensions.Select(n => pbx.Extension(request.Tenant, n).GetAsync()));
        return [.. extensions.Where(e => e.Exists && e.Config.DatabaseId is not null)
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

    private static async Task<IReadOnlyList<(int, PhpArray)>?> CallsAsync(VoipCenterRequest request, DateOnly day)
    {
        if (await request.Services.Pbx.Tenant(request.Tenant).GetSettingsAsync() is null)
        {
            return null;
        }

        var cdrs = await request.Services.Pbx.ListCdrsAsync(request.Tenant, day);
        return [.. cdrs.Select(c => (VoipCenterItems.CallId(c.UniqueId), VoipCenterItems.Call(c))).Where(c => c.Item1 > 0)];
    }
}
