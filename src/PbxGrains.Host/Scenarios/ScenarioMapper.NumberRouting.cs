using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Grains.Catalogue;
using PbxGrains.Grains.Catalogue.Rules;
using PbxGrains.Host.Scenarios.Documents;
using static PbxGrains.Grains.Catalogue.Rules.FieldProblems;

namespace PbxGrains.Host.Scenarios;

/// <summary>Inbound number routing: time filters (with their days, periods and weekday ranges), routes, numbers, flags and hot desks.</summary>
public sealed partial class ScenarioMapper
{
    private const string RoutingPath = "numberRouting";

    private static readonly (string Name, TimeFilterKind Value)[] TimeFilterKinds =
        [.. Enum.GetValues<TimeFilterKind>().Select(k => (NumberRoutingRules.KindName(k), k))];

    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private NumberRouting NumberRoutingOf(NumberRoutingDocument? document)
    {
        if (document is null)
        {
            return NumberRouting.Empty;
        }

        return new NumberRouting
        {
            TimeFilters = [.. (document.TimeFilters ?? []).Select((filter, i) => TimeFilter(filter, Item(Child(RoutingPath, "timeFilters"), i)))],
            Routes = [.. (document.Routes ?? []).Select((route, i) => new CallRoute
            {
                Id = RoutingId(route.Id, Item(Child(RoutingPath, "routes"), i)),
                Name = route.Name ?? "",
                Destination = route.Destination ?? "",
                Fallback = route.Fallback ?? false,
                FlagId = route.Flag,
                FlagDestination = route.FlagDestination,
            })],
            Numbers = [.. (document.Numbers ?? []).Select((number, i) => new NumberRoute
            {
                Id = RoutingId(number.Id, Item(Child(RoutingPath, "numbers"), i)),
                Number = number.Number ?? "",
                Name = number.Name ?? "",
                RouteId = number.Route,
                FallbackRouteId = number.FallbackRoute,
                HolidaysFilterId = number.Holidays,
                VacationsFilterId = number.Vacations,
                OpeningHoursFilterId = number.OfficeHours,
            })],
            Flags = [.. (document.Flags ?? []).Select((flag, i) => new FeatureFlag
            {
                Id = RoutingId(flag.Id, Item(Child(RoutingPath, "flags"), i)),
                Name = flag.Name ?? "",
                Active = flag.On ?? false,
            })],
            HotDeskTemplates = [.. (document.HotDeskTemplates ?? []).Select((template, i) => new HotDeskTemplate
            {
                Id = RoutingId(template.Id, Item(Child(RoutingPath, "hotDeskTemplates"), i)),
                Name = template.Name ?? "",
            })],
            HotDesks = [.. (document.HotDesks ?? []).Select((desk, i) => new HotDesk
            {
                Id = RoutingId(desk.Id, Item(Child(RoutingPath, "hotDesks"), i)),
                Name = desk.Name ?? "",
                Device = desk.Device ?? "",
                Number = desk.Number,
                Extension = desk.Extension is { Length: > 0 } user ? user : null,
                TemplateId = desk.Template,
            })],
        };
    }

    /// <summary>An item's id is what APIs and references name it by, so a missing one cannot be defaulted.</summary>
    private int RoutingId(int? id, string itemPath)
    {
        if (id is null)
        {
            _problems.Add(Child(itemPath, "id"), "is required");
        }

        return id ?? 0;
    }

    private TimeFilter TimeFilter(TimeFilterDocument filter, string path)
    {
        var kindPath = Child(path, "kind");
        if (filter.Kind is null)
        {
            _problems.Add(kindPath, "is required (dates, periods or weeklyHours)");
        }

        // Without a kind, the kind of the list it gives, so that one mistake is not reported again on the list.
        var implied = filter.Periods is { Count: > 0 } ? TimeFilterKind.Periods : filter.Windows is { Count: > 0 } ? TimeFilterKind.WeeklyHours : TimeFilterKind.Dates;
        return new TimeFilter
        {
            Id = RoutingId(filter.Id, path),
            Name = filter.Name ?? "",
            Kind = Choice(filter.Kind, kindPath, TimeFilterKinds, implied),
            Dates = Each(filter.Dates, Child(path, "dates"), (day, at) => Day(day, at)),
            Periods = Each(filter.Periods, Child(path, "periods"), Period),
            Windows = Windows(filter.Windows, Child(path, "windows")),
            TimeZone = filter.TimeZone ?? "UTC",
        };
    }

    /// <summary>The items that read, each remembered at its place in the document (one that did not read is left out).</summary>
    private ImmutableArray<T> Each<TDocument, T>(List<TDocument>? items, string path, Func<TDocument, string, T?> read) where T : class
    {
        var result = ImmutableArray.CreateBuilder<T>();
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (read(items![i], Item(path, i)) is { } item)
            {
                _paths.Add(Item(path, result.Count), Item(path, i));
                result.Add(item);
            }
        }

        return result.ToImmutable();
    }

    private ImmutableArray<DateOnly> Each(List<string>? days, string path, Func<string, string, DateOnly?> read)
    {
        var result = ImmutableArray.CreateBuilder<DateOnly>();
        for (var i = 0; i < (days?.Count ?? 0); i++)
        {
            if (read(days![i], Item(path, i)) is { } day)
            {
                result.Add(day);
            }
        }

        return result.ToImmutable();
    }

    private DatePeriod? Period(PeriodDocument period, string path)
    {
        var from = Day(Required(period.From, Child(path, "from")), Child(path, "from"));
        var to = Day(Required(period.To, Child(path, "to")), Child(path, "to"));
        return from is { } first && to is { } last ? new DatePeriod(first, last) : null;
    }

    /// <summary>A window on "mon", "monday" or a range "mon-fri" is one window per day (a week that wraps past Sunday is two windows).</summary>
    private ImmutableArray<WeeklyWindow> Windows(List<WindowDocument>? windows, string path)
    {
        var result = ImmutableArray.CreateBuilder<WeeklyWindow>();
        for (var i = 0; i < (windows?.Count ?? 0); i++)
        {
            var at = Item(path, i);
            var days = WeekDays(Required(windows![i].Day, Child(at, "day")), Child(at, "day"));
            var from = Time(Required(windows[i].From, Child(at, "from")), Child(at, "from"));
            var to = Time(Required(windows[i].To, Child(at, "to")), Child(at, "to"));
            if (days is null || from is not { } open || to is not { } close)
            {
                continue;
            }

            foreach (var day in days)
            {
                _paths.Add(Item(path, result.Count), at);
                result.Add(new WeeklyWindow(day, open, close));
            }
        }

        return result.ToImmutable();
    }

    private DateOnly? Day(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            _problems.Add(path, $"must be a day as yyyy-MM-dd, not '{text}'");
            return null;
        }

        return day;
    }

    private TimeOnly? Time(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            _problems.Add(path, $"must be a time as HH:mm, not '{text}'");
            return null;
        }

        return time;
    }

    private List<DayOfWeek>? WeekDays(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        var ends = text.Split('-', StringSplitOptions.TrimEntries);
        if (ends.Length > 2 || WeekDay(ends[0]) is not { } first || WeekDay(ends[^1]) is not { } last || last < first)
        {
            _problems.Add(path, $"must be a day (mon to sun, or monday to sunday) or a range such as mon-fri, not '{text}'");
            return null;
        }

        // Monday first in the document, Sunday first in DayOfWeek.
        return [.. Enumerable.Range(first, last - first + 1).Select(i => (DayOfWeek)((i + 1) % 7))];
    }

    private static int? WeekDay(string name)
    {
        var lower = name.ToLowerInvariant();
        var index = Array.FindIndex(DayNames, d => d == lower || (lower.Length == 3 && d.StartsWith(lower, StringComparison.Ordinal)));
        return index < 0 ? null : index;
    }
}
