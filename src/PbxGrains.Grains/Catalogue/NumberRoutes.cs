using System.Collections.Concurrent;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// How inbound number routing decides, as plain functions of the routing and an instant: whether a time filter
/// matches, which route a number takes, and what a route dials. A number is closed on a holiday, during a vacation, or
/// outside its opening hours (when it has some); a closed number takes its fallback route, an open one its route.
/// What makes a routing valid is <see cref="NumberRoutingRules"/>.
/// </summary>
public static class NumberRoutes
{
    // Time zone lookups read the system's zone files; a zone is looked up once per process.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Zones = new(StringComparer.Ordinal);

    public static bool Matches(TimeFilter filter, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone(filter.TimeZone));
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return filter.Kind switch
        {
            TimeFilterKind.Dates => filter.Dates.Contains(day),
            TimeFilterKind.Periods => filter.Periods.Any(p => p.From <= day && day <= p.To),
            TimeFilterKind.WeeklyHours => filter.Windows.Any(w => w.Day == local.DayOfWeek && w.From <= time && time < w.To),
            _ => false,
        };
    }

    public static bool IsOpen(NumberRouting routing, NumberRoute number, DateTimeOffset at)
    {
        if (InFilter(routing, number.HolidaysFilterId, at) == true || InFilter(routing, number.VacationsFilterId, at) == true)
        {
            return false;
        }

        return InFilter(routing, number.OpeningHoursFilterId, at) != false;
    }

    /// <summary>The number a call to <paramref name="number"/> dials at <paramref name="at"/>, or null when no route applies.</summary>
    public static string? Target(NumberRouting routing, NumberRoute number, DateTimeOffset at)
    {
        // A closed number without a fallback route keeps its normal route: closing it must not lose the call.
        var routeId = IsOpen(routing, number, at) ? number.RouteId : number.FallbackRouteId ?? number.RouteId;
        var route = routing.Routes.FirstOrDefault(r => r.Id == routeId);
        if (route is null)
        {
            return null;
        }

        if (route.FlagId is { } flagId && route.FlagDestination is { Length: > 0 } instead &&
            routing.Flags.FirstOrDefault(f => f.Id == flagId) is { Active: true })
        {
            return instead;
        }

        return route.Destination.Length > 0 ? route.Destination : null;
    }

    public static string Normalize(string number) => number.Trim().TrimStart('+');

    private static bool? InFilter(NumberRouting routing, int? id, DateTimeOffset at) =>
        id is { } filterId && routing.TimeFilters.FirstOrDefault(f => f.Id == filterId) is { } filter ? Matches(filter, at) : null;

    private static TimeZoneInfo Zone(string id) => Zones.GetOrAdd(id, static z =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(z);
        }
        catch (TimeZoneNotFoundException)
        {
            // An unknown zone reads as UTC rather than failing every call to the number; the rules refuse one when it is set.
            return TimeZoneInfo.Utc;
        }
    });
}
