using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue.Rules;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Grains.Catalogue;

/// <summary>
/// What makes inbound number routing valid: ids positive and unique per list, every reference naming something of the
/// right kind, and, when the tenant's extensions are known, routed numbers that are no extension's and desks whose user
/// exists. How a valid routing decides is <see cref="NumberRoutes"/>.
/// </summary>
public static class NumberRoutingRules
{
    public const int MaxDestinationLength = 80;

    /// <summary>The kinds as a scenario writes them.</summary>
    public static string KindName(TimeFilterKind kind) => kind switch
    {
        TimeFilterKind.Dates => "dates",
        TimeFilterKind.Periods => "periods",
        TimeFilterKind.WeeklyHours => "weeklyHours",
        _ => kind.ToString(),
    };

    public static FieldProblems Check(NumberRouting routing)
    {
        var problems = new FieldProblems();
        Check(routing, problems, "", extensions: null);
        return problems;
    }

    /// <param name="extensions">The tenant's extension numbers, or null when they are not at hand (a change of the routing alone).</param>
    public static void Check(NumberRouting routing, FieldProblems problems, string path, IReadOnlySet<string>? extensions)
    {
        Ids(routing.TimeFilters, f => f.Id, problems, Child(path, "timeFilters"));
        Ids(routing.Routes, r => r.Id, problems, Child(path, "routes"));
        Ids(routing.Numbers, n => n.Id, problems, Child(path, "numbers"));
        Ids(routing.Flags, f => f.Id, problems, Child(path, "flags"));
        Ids(routing.HotDeskTemplates, t => t.Id, problems, Child(path, "hotDeskTemplates"));
        Ids(routing.HotDesks, d => d.Id, problems, Child(path, "hotDesks"));
        for (var i = 0; i < routing.TimeFilters.Length; i++)
        {
            TimeFilter(routing.TimeFilters[i], problems, Item(Child(path, "timeFilters"), i));
        }

        for (var i = 0; i < routing.Routes.Length; i++)
        {
            Route(routing, routing.Routes[i], problems, Item(Child(path, "routes"), i));
        }

        var routed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < routing.Numbers.Length; i++)
        {
            var at = Item(Child(path, "numbers"), i);
            var number = routing.Numbers[i];
            if (InboundNumber(number.Number, problems, Child(at, "number")) && extensions?.Contains(number.Number) == true)
            {
                // The call model dials an extension's own number directly; a route on it would never be taken.
                problems.Add(Child(at, "number"), $"'{number.Number}' is an extension's number");
            }
            else if (!problems.Has(Child(at, "number")) && !routed.TryAdd(NumberRoutes.Normalize(number.Number), at))
            {
                problems.Add(Child(at, "number"), $"'{number.Number}' is already routed by {routed[NumberRoutes.Normalize(number.Number)]}");
            }

            CheckReferences(routing, number, problems, at);
        }

        for (var i = 0; i < routing.HotDesks.Length; i++)
        {
            HotDesk(routing, routing.HotDesks[i], problems, Item(Child(path, "hotDesks"), i), extensions);
        }
    }

    /// <summary>Whether what a number route refers to exists, with the right kind; a change of one number route checks this.</summary>
    public static void CheckReferences(NumberRouting routing, NumberRoute number, FieldProblems problems, string path)
    {
        RouteReference(routing, number.RouteId, fallback: false, problems, Child(path, "route"));
        RouteReference(routing, number.FallbackRouteId, fallback: true, problems, Child(path, "fallbackRoute"));
        FilterReference(routing, number.HolidaysFilterId, TimeFilterKind.Dates, problems, Child(path, "holidays"));
        FilterReference(routing, number.VacationsFilterId, TimeFilterKind.Periods, problems, Child(path, "vacations"));
        FilterReference(routing, number.OpeningHoursFilterId, TimeFilterKind.WeeklyHours, problems, Child(path, "officeHours"));
    }

    /// <summary>Whether a hot desk's template exists (its user is the tenant's to know).</summary>
    public static void CheckTemplate(NumberRouting routing, int? template, FieldProblems problems, string path)
    {
        if (template is { } wanted && routing.HotDeskTemplates.All(t => t.Id != wanted))
        {
            problems.Add(path, $"template {wanted} is not defined in numberRouting.hotDeskTemplates");
        }
    }

    private static void TimeFilter(TimeFilter filter, FieldProblems problems, string path)
    {
        if (problems.Defined(Child(path, "kind"), filter.Kind, "must be dates, periods or weeklyHours"))
        {
            OnlyFor(filter.Dates.Length, filter.Kind, TimeFilterKind.Dates, problems, Child(path, "dates"));
            OnlyFor(filter.Periods.Length, filter.Kind, TimeFilterKind.Periods, problems, Child(path, "periods"));
            OnlyFor(filter.Windows.Length, filter.Kind, TimeFilterKind.WeeklyHours, problems, Child(path, "windows"));
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(filter.TimeZone, out _))
        {
            problems.Add(Child(path, "timeZone"), $"'{filter.TimeZone}' is not a known time zone (an IANA id such as Europe/Brussels)");
        }

        for (var p = 0; p < filter.Periods.Length; p++)
        {
            if (filter.Periods[p].To < filter.Periods[p].From)
            {
                problems.Add(Child(Item(Child(path, "periods"), p), "to"), "must not be before from");
            }
        }

        for (var w = 0; w < filter.Windows.Length; w++)
        {
            var window = Item(Child(path, "windows"), w);
            problems.Defined(Child(window, "day"), filter.Windows[w].Day, "must be a day of the week");
            if (filter.Windows[w].To <= filter.Windows[w].From)
            {
                problems.Add(Child(window, "to"), "must be after from");
            }
        }
    }

    private static void OnlyFor(int count, TimeFilterKind kind, TimeFilterKind wanted, FieldProblems problems, string path)
    {
        if (count > 0 && kind != wanted)
        {
            problems.Add(path, $"belongs to kind {KindName(wanted)}, not {KindName(kind)}");
        }
    }

    private static void Route(NumberRouting routing, CallRoute route, FieldProblems problems, string path)
    {
        if (problems.Required(Child(path, "destination"), route.Destination))
        {
            Destination(route.Destination, problems, Child(path, "destination"));
        }

        if (route.FlagDestination is { } instead)
        {
            Destination(instead, problems, Child(path, "flagDestination"));
        }

        if (route.FlagId is { } flag && routing.Flags.All(f => f.Id != flag))
        {
            problems.Add(Child(path, "flag"), $"flag {flag} is not defined in numberRouting.flags");
        }

        if ((route.FlagId is null) != (route.FlagDestination is null))
        {
            // A flag without a destination switches nothing; a destination without a flag is never taken.
            problems.Add(Child(path, route.FlagId is null ? "flag" : "flagDestination"), "flag and flagDestination go together");
        }
    }

    /// <summary>Anything the tenant can dial: its own numbers, a queue's name, or an outside number ('+' allowed).</summary>
    private static void Destination(string value, FieldProblems problems, string path)
    {
        if (value.Length is 0 or > MaxDestinationLength || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(path, $"must be 1 to {MaxDestinationLength} characters without spaces (a number of the tenant, a queue or an outside number)");
        }
    }

    /// <summary>A number as the trunk delivers it: 1 to 20 digits, a leading '+' allowed.</summary>
    private static bool InboundNumber(string number, FieldProblems problems, string path)
    {
        if (!problems.Required(path, number))
        {
            return false;
        }

        var digits = number.StartsWith('+') ? number[1..] : number;
        if (digits.Length is 0 or > 20 || !digits.All(char.IsAsciiDigit))
        {
            problems.Add(path, $"must be 1 to 20 digits with an optional leading '+', not '{number}'");
            return false;
        }

        return true;
    }

    private static void HotDesk(NumberRouting routing, HotDesk desk, FieldProblems problems, string path, IReadOnlySet<string>? extensions)
    {
        problems.Dialable(Child(path, "number"), desk.Number, optional: true);
        if (desk.Extension is { Length: > 0 } user && extensions?.Contains(user) == false)
        {
            problems.Add(Child(path, "extension"), $"extension '{user}' is not defined in this scenario");
        }

        CheckTemplate(routing, desk.TemplateId, problems, Child(path, "template"));
        if (desk.Device.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add(Child(path, "device"), "must be a device id without spaces (e.g. a MAC address)");
        }
    }

    private static void RouteReference(NumberRouting routing, int? id, bool fallback, FieldProblems problems, string path)
    {
        if (id is { } wanted && !routing.Routes.Any(r => r.Id == wanted && r.Fallback == fallback))
        {
            problems.Add(path, $"{(fallback ? "fallback route" : "route")} {wanted} is not defined in numberRouting.routes{(fallback ? " with fallback: true" : "")}");
        }
    }

    private static void FilterReference(NumberRouting routing, int? id, TimeFilterKind kind, FieldProblems problems, string path)
    {
        if (id is { } wanted && !routing.TimeFilters.Any(f => f.Id == wanted && f.Kind == kind))
        {
            problems.Add(path, $"time filter {wanted} of kind {KindName(kind)} is not defined in numberRouting.timeFilters");
        }
    }

    /// <summary>An item's id: positive, and unique within its list (ids are what APIs and references name).</summary>
    private static void Ids<T>(ImmutableArray<T> items, Func<T, int> idOf, FieldProblems problems, string path)
    {
        var seen = new Dictionary<int, string>();
        for (var i = 0; i < items.Length; i++)
        {
            var at = Item(path, i);
            var id = idOf(items[i]);
            if (problems.AtLeast(Child(at, "id"), id, 1) && !seen.TryAdd(id, at))
            {
                problems.Add(Child(at, "id"), $"id {id} is already used by {seen[id]}");
            }
        }
    }
}
