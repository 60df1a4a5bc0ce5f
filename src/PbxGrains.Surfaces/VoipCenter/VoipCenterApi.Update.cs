using System.Globalization;
using Microsoft.AspNetCore.Http;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.VoipCenter;

public static partial class VoipCenterApi
{
    /// <summary>
    /// update.php: <c>m=did</c> with <c>p=f10|v20|k30|r140|b150</c> (or <c>f=10|…</c>; any subset; 0 clears a filter),
    /// <c>m=indicator</c> with <c>p=0|1</c>, <c>m=hddesk</c> with <c>p=s101|t50</c> (SIP account id logged in, 0 logs
    /// out; template id). A malformed <c>p</c> or an id in it that does not exist is head error 17; an unknown item id
    /// is body error 2; a SIP account that does not exist cannot log in at a desk: body error 25 (Incorrect Login).
    /// The answer's data is the item as get.php shows it.
    /// </summary>
    private static async Task<VoipCenterAnswer> UpdateItemAsync(VoipCenterRequest request)
    {
        var menu = request["m"];
        if (menu is not ("did" or "indicator" or "hddesk") || ParseId(request["id"]) is not { } id)
        {
            return request.HeadError(VoipCenterErrors.ParamNotCorrect);
        }

        if (await RoutingAsync(request) is null)
        {
            return request.BodyError(VoipCenterErrors.CouldNotConnect);
        }

        var tenant = request.Services.Pbx.Tenant(request.Tenant);
        PbxResult<NumberRouting> result;
        switch (menu)
        {
            case "did":
                if (Pairs(request["p"], "fvkrb") is not { } did)
                {
                    return request.HeadError(VoipCenterErrors.ParamNotCorrect);
                }

                result = await request.Services.Pbx.UpdateNumberRouteAsync(request.Tenant, id, new NumberRouteChange
                {
                    HolidaysFilterId = Given(did, 'f'),
                    VacationsFilterId = Given(did, 'v'),
                    OpeningHoursFilterId = Given(did, 'k'),
                    RouteId = Given(did, 'r'),
                    FallbackRouteId = Given(did, 'b'),
                });
                break;
            case "indicator":
                if (request["p"] is not ("0" or "1"))
                {
                    return request.HeadError(VoipCenterErrors.ParamNotCorrect);
                }

                result = await request.Services.Pbx.SetFeatureFlagAsync(request.Tenant, id, request["p"] == "1");
                break;
            default:
                if (Pairs(request["p"], "st") is not { } desk)
                {
                    return request.HeadError(VoipCenterErrors.ParamNotCorrect);
                }

                string? extension = null;
                if (Given(desk, 's') is { } account)
                {
                    extension = account == 0 ? "" : await tenant.FindExtensionAsync(ExtensionLookup.DatabaseId, account.ToString(CultureInfo.InvariantCulture));
                    if (extension is null)
                    {
                        return request.BodyError(VoipCenterErrors.IncorrectLogin);
                    }
                }

                result = await request.Services.Pbx.UpdateHotDeskAsync(request.Tenant, id, new HotDeskChange { Extension = extension, TemplateId = Given(desk, 't') });
                break;
        }

        if (!result.IsOk)
        {
            return result.Error switch
            {
                DomainError.RoutingItemNotFound => request.BodyError(VoipCenterErrors.IncorrectId),
                DomainError.ExtensionNotFound => request.BodyError(VoipCenterErrors.IncorrectLogin),
                DomainError.TenantNotFound => request.BodyError(VoipCenterErrors.CouldNotConnect),
                _ => request.HeadError(VoipCenterErrors.ParamNotCorrect),
            };
        }

        var routing = result.Value!;
        var item = VoipCenterItems.Of(menu, routing, await AccountIdsAsync(request, routing)).FirstOrDefault(i => i.Id == id).Item ?? new PhpArray();
        return request.Ok(item);
    }

    /// <summary>A value <c>p</c> gave (0 included), or null when it left the letter out.</summary>
    private static int? Given(Dictionary<char, int> pairs, char letter) => pairs.TryGetValue(letter, out var value) ? value : null;

    /// <summary>"f10|v20" or "f=10|v=20": each part a letter of <paramref name="letters"/> and a number, none twice.</summary>
    private static Dictionary<char, int>? Pairs(string p, string letters)
    {
        var pairs = new Dictionary<char, int>();
        foreach (var part in p.Split('|'))
        {
            var value = part.Length > 1 && part[1] == '=' ? part[2..] : part.Length > 0 ? part[1..] : "";
            if (part.Length < 2 || !letters.Contains(part[0]) || ParseId(value) is not { } number || !pairs.TryAdd(part[0], number))
            {
                return null;
            }
        }

        return pairs;
    }
}
