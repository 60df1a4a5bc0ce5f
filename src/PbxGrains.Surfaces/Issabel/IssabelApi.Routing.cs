using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Issabel;

/// <summary>
/// The real server's resources over the parts of the call model that have them: parking lots, inbound routes (the
/// tenant's numbers), time groups and time conditions (its time filters and the numbers routed by them), trunks and
/// outbound routes (the tenant's one trunk). They follow the same REST rules and error shapes as every resource; they
/// are read-only here (writes are 405) because the call model takes these from the tenant's definition, not one by
/// one. Records carry the real server's <c>id</c>, <c>name</c> and (where it has one) <c>extension</c>, and the fields
/// of its field map that the call model knows; every value is a string.
/// </summary>
public static partial class IssabelApi
{
    private static readonly string[] DaysOfWeek = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static IssabelResource ReadOnlyResource(string name, ImmutableArray<string> all, ImmutableArray<string> defaults,
        Func<IssabelRequest, Task<IReadOnlyList<JsonObject>>> records, Func<JsonObject, string, bool>? matches = null) => new()
        {
            Name = name,
            AllFields = all,
            DefaultFields = defaults,
            Records = records,
            Find = async (request, id) => (await records(request)).FirstOrDefault(r => r["id"]?.GetValue<string>() == id),
            Matches = matches ?? IssabelResource.NameContains,
        };

    /// <summary>parkinglots: <c>extension</c> is the number that parks (the one before the first slot), as FreePBX's default lot has it.</summary>
    private static IssabelResource ParkingLotResource() => ReadOnlyResource(
        "parkinglots",
        ["extension", "id", "name", "number_of_slots", "starting_position", "timeout"],
        ["extension", "id", "name", "number_of_slots", "starting_position"],
        async request =>
        {
            var lots = (await request.Pbx.ListParkingLotsAsync(request.Tenant)).OrderBy(l => l.Config.Name, StringComparer.Ordinal);
            return [.. lots.Select((lot, i) => new JsonObject
            {
                ["extension"] = Text(lot.Config.FirstSlot - 1),
                ["id"] = Text(i + 1),
                ["name"] = lot.Config.Name,
                ["number_of_slots"] = Text(lot.Config.SlotCount),
                ["starting_position"] = Text(lot.Config.FirstSlot),
                ["timeout"] = Text(lot.Config.TimeoutSeconds),
            })];
        });

    /// <summary>inboundroutes: one per number of the tenant, keyed (as the real server's) by the number; searched by name and number.</summary>
    private static IssabelResource InboundRouteResource() => ReadOnlyResource(
        "inboundroutes",
        ["callerid_number", "destination", "extension", "id", "name"],
        ["callerid_number", "destination", "extension", "id", "name"],
        async request =>
        {
            var routing = await RoutingAsync(request);
            return [.. routing.Numbers.OrderBy(n => n.Number, StringComparer.Ordinal).Select(n => new JsonObject
            {
                ["callerid_number"] = "",
                ["destination"] = RouteDestination(routing, n.RouteId),
                ["extension"] = n.Number,
                ["id"] = n.Number,
                ["name"] = n.Name,
            })];
        },
        (record, term) => IssabelResource.NameContains(record, term) || IssabelResource.Contains(record, "extension", term));

    /// <summary>timegroups: one per time filter, its times in FreePBX's <c>HH:MM-HH:MM|days|monthdays|months</c> form.</summary>
    private static IssabelResource TimeGroupResource() => ReadOnlyResource(
        "timegroups",
        ["id", "name", "times"],
        ["id", "name"],
        async request => [.. (await RoutingAsync(request)).TimeFilters.OrderBy(f => f.Id).Select(f => new JsonObject
        {
            ["id"] = Text(f.Id),
            ["name"] = f.Name,
            ["times"] = new JsonArray([.. Times(f).Select(t => (JsonNode?)JsonValue.Create(t))]),
        })]);

    /// <summary>
    /// timeconditions: a number whose route depends on office hours is one: while its office-hours filter matches it
    /// goes to its route, otherwise to its fallback route.
    /// </summary>
    private static IssabelResource TimeConditionResource() => ReadOnlyResource(
        "timeconditions",
        ["destination_if_time_does_not_match", "destination_if_time_matches", "id", "name", "time_group_id"],
        ["destination_if_time_does_not_match", "destination_if_time_matches", "id", "name", "time_group_id"],
        async request =>
        {
            var routing = await RoutingAsync(request);
            return [.. routing.Numbers.Where(n => n.OpeningHoursFilterId is not null).OrderBy(n => n.Id).Select(n => new JsonObject
            {
                ["destination_if_time_does_not_match"] = RouteDestination(routing, n.FallbackRouteId),
                ["destination_if_time_matches"] = RouteDestination(routing, n.RouteId),
                ["id"] = Text(n.Id),
                ["name"] = n.Name.Length > 0 ? n.Name : n.Number,
                ["time_group_id"] = Text(n.OpeningHoursFilterId!.Value),
            })];
        });

    /// <summary>trunks: the tenant's one trunk, whose legs are <c>SIP/{trunk}-…</c>.</summary>
    private static IssabelResource TrunkResource() => ReadOnlyResource(
        "trunks",
        ["channel_name", "id", "name", "technology"],
        ["channel_name", "id", "name", "technology"],
        async request => await TenantTrunkAsync(request) is { } trunk
            ? [new JsonObject { ["channel_name"] = trunk, ["id"] = "1", ["name"] = trunk, ["technology"] = "sip" }]
            : []);

    /// <summary>outboundroutes: every outside number leaves through the tenant's trunk, so there is one route, over trunk 1.</summary>
    private static IssabelResource OutboundRouteResource() => ReadOnlyResource(
        "outboundroutes",
        ["destination_if_congestion", "id", "music_on_hold_class", "name", "outbound_callerid", "trunks"],
        ["destination_if_congestion", "id", "music_on_hold_class", "name", "outbound_callerid"],
        async request => await TenantTrunkAsync(request) is { } trunk
            ? [new JsonObject
            {
                ["destination_if_congestion"] = "app-blackhole,hangup,1",
                ["id"] = "1",
                ["music_on_hold_class"] = "default",
                ["name"] = trunk,
                ["outbound_callerid"] = "",
                ["trunks"] = new JsonArray(new JsonObject { ["trunk_id"] = "1", ["sequence"] = "0" }),
            }]
            : []);

    private static async Task<NumberRouting> RoutingAsync(IssabelRequest request) =>
        await request.Pbx.GetNumberRoutingAsync(request.Tenant) ?? new NumberRouting();

    private static async Task<string?> TenantTrunkAsync(IssabelRequest request) =>
        (await request.Pbx.Tenant(request.Tenant).GetSettingsAsync())?.Trunk;

    /// <summary>A route's destination as FreePBX writes one (<c>context,number,1</c>); empty for no route.</summary>
    private static string RouteDestination(NumberRouting routing, int? routeId) =>
        routing.Routes.FirstOrDefault(r => r.Id == routeId) is { Destination: { Length: > 0 } destination } ? $"from-internal,{destination},1" : "";

    /// <summary>A time filter's lines: weekly windows as <c>HH:MM-HH:MM|day|*|*</c>, dates as <c>*|*|day|month</c>.</summary>
    private static IEnumerable<string> Times(TimeFilter filter)
    {
        foreach (var window in filter.Windows)
        {
            yield return $"{window.From:HH\\:mm}-{window.To:HH\\:mm}|{DaysOfWeek[(int)window.Day]}|*|*";
        }

        foreach (var date in filter.Dates)
        {
            yield return $"*|*|{Text(date.Day)}|{MonthName(date.Month)}";
        }

        foreach (var period in filter.Periods)
        {
            yield return period.From.Month == period.To.Month
                ? $"*|*|{Text(period.From.Day)}-{Text(period.To.Day)}|{MonthName(period.From.Month)}"
                : $"*|*|{Text(period.From.Day)}-{Text(period.To.Day)}|{MonthName(period.From.Month)}-{MonthName(period.To.Month)}";
        }
    }

    private static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(month).ToLowerInvariant();

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
