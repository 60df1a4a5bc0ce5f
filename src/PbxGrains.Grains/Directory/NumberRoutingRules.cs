using System.Collections.Concurrent;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Grains.Directory;

/// <summary>
/// The rules of inbound number routing, as plain functions of the routing and an instant: whether a time filter
/// matches, which route a number takes, and what a route dials. A number is closed on a holiday, during a vacation, or
/// outside its opening hours (when it has some); a closed number takes its fallback route, an open one its route.
/// </summary>
public static class NumberRoutingRules
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

    /// <summary>The first problem of a routing (duplicate ids, references to nothing), or null.</summary>
    public static string? Validate(NumberRouting routing)
    {
        if (Duplicate(routing.TimeFilters.Select(f => f.Id)) is { } f)
        {
            return $"timeFilters: id {f} is used twice";
        }

        if (Duplicate(routing.Routes.Select(r => r.Id)) is { } r)
        {
            return $"routes: id {r} is used twice";
        }

        if (Duplicate(routing.Numbers.Select(n => n.Id)) is { } n)
        {
            return $"numbers: id {n} is used twice";
        }

        if (Duplicate(routing.Flags.Select(x => x.Id)) is { } x)
        {
            return $"flags: id {x} is used twice";
        }

        if (Duplicate(routing.HotDesks.Select(d => d.Id)) is { } d)
        {
            return $"hotDesks: id {d} is used twice";
        }

        foreach (var number in routing.Numbers)
        {
            if (Problem(routing, number) is { } problem)
            {
                return $"numbers[{number.Id}]: {problem}";
            }
        }

        foreach (var route in routing.Routes.Where(r => r.FlagId is { } id && routing.Flags.All(f => f.Id != id)))
        {
            return $"routes[{route.Id}]: flag {route.FlagId} does not exist";
        }

        return null;
    }

    /// <summary>What is wrong with a number route's references, or null.</summary>
    public static string? Problem(NumberRouting routing, NumberRoute number)
    {
        if (string.IsNullOrWhiteSpace(number.Number))
        {
            return "number is required";
        }

        if (Missing(routing, number.HolidaysFilterId, TimeFilterKind.Dates))
        {
            return $"holidays filter {number.HolidaysFilterId} does not exist";
        }

        if (Missing(routing, number.VacationsFilterId, TimeFilterKind.Periods))
        {
            return $"vacations filter {number.VacationsFilterId} does not exist";
        }

        if (Missing(routing, number.OpeningHoursFilterId, TimeFilterKind.WeeklyHours))
        {
            return $"opening hours filter {number.OpeningHoursFilterId} does not exist";
        }

        if (number.RouteId is { } route && !routing.Routes.Any(r => r.Id == route && !r.Fallback))
        {
            return $"route {route} does not exist";
        }

        if (number.FallbackRouteId is { } fallback && !routing.Routes.Any(r => r.Id == fallback && r.Fallback))
        {
            return $"fallback route {fallback} does not exist";
        }

        return null;
    }

    public static string Normalize(string number) => number.Trim().TrimStart('+');

    private static bool? InFilter(NumberRouting routing, int? id, DateTimeOffset at) =>
        id is { } filterId && routing.TimeFilters.FirstOrDefault(f => f.Id == filterId) is { } filter ? Matches(filter, at) : null;

    private static bool Missing(NumberRouting routing, int? id, TimeFilterKind kind) =>
        id is { } filterId && !routing.TimeFilters.Any(f => f.Id == filterId && f.Kind == kind);

    private static int? Duplicate(IEnumerable<int> ids)
    {
        var seen = new HashSet<int>();
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                return id;
            }
        }

        return null;
    }

    private static TimeZoneInfo Zone(string id) => Zones.GetOrAdd(id, static z =>
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(z);
        }
        catch (TimeZoneNotFoundException)
        {
            // An unknown zone reads as UTC rather than failing every call to the number; validation could reject it.
            return TimeZoneInfo.Utc;
        }
    });
}
