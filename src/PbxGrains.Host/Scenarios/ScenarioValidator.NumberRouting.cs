using System.Collections.Immutable;
using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Host.Scenarios.Reading;

namespace PbxGrains.Host.Scenarios;

/// <summary>Inbound number routing: time filters, routes, numbers (DIDs), feature flags and hot desks.</summary>
public sealed partial class ScenarioValidator
{
    private const string RoutingPath = "numberRouting";

    private static readonly (string Name, TimeFilterKind Value)[] TimeFilterKinds =
    [
        ("dates", TimeFilterKind.Dates),
        ("periods", TimeFilterKind.Periods),
        ("weeklyHours", TimeFilterKind.WeeklyHours),
    ];

    private static readonly string[] DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private NumberRouting NumberRoutingOf(NumberRoutingDocument? document, List<ValidExtension> extensions)
    {
        if (document is null)
        {
            return NumberRouting.Empty;
        }

        var filters = TimeFilters(document.TimeFilters);
        var flags = Flags(document.Flags);
        var routes = Routes(document.Routes, flags);
        var templates = HotDeskTemplates(document.HotDeskTemplates);
        var routing = new NumberRouting
        {
            TimeFilters = filters,
            Routes = routes,
            Flags = flags,
            Numbers = Numbers(document.Numbers, filters, routes, extensions),
            HotDesks = HotDesks(document.HotDesks, templates, extensions),
            HotDeskTemplates = templates,
        };

        // The call model's own rules, for anything the checks above let through.
        if (!_errors.Any && Grains.Directory.NumberRoutingRules.Validate(routing) is { } problem)
        {
            _errors.Add(RoutingPath, problem);
        }

        return routing;
    }

    private ImmutableArray<TimeFilter> TimeFilters(List<TimeFilterDocument>? documents)
    {
        var path = ScenarioErrors.Child(RoutingPath, "timeFilters");
        var ids = new Dictionary<int, string>();
        var result = ImmutableArray.CreateBuilder<TimeFilter>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var filter = documents![i];
            var at = ScenarioErrors.Item(path, i);
            var id = RoutingId(filter.Id, at, ids);
            var kindPath = ScenarioErrors.Child(at, "kind");
            var kind = filter.Kind is null ? (TimeFilterKind?)null : Choice(filter.Kind, kindPath, TimeFilterKinds, TimeFilterKind.Dates);
            if (kind is null)
            {
                _errors.Add(kindPath, "is required (dates, periods or weeklyHours)");
            }

            OnlyFor(filter.Dates, kind, TimeFilterKind.Dates, ScenarioErrors.Child(at, "dates"));
            OnlyFor(filter.Periods, kind, TimeFilterKind.Periods, ScenarioErrors.Child(at, "periods"));
            OnlyFor(filter.Windows, kind, TimeFilterKind.WeeklyHours, ScenarioErrors.Child(at, "windows"));
            var zone = filter.TimeZone ?? "UTC";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                _errors.Add(ScenarioErrors.Child(at, "timeZone"), $"'{zone}' is not a known time zone (an IANA id such as Europe/Brussels)");
            }

            ImmutableArray<DateOnly> dates = [.. Days(filter.Dates, ScenarioErrors.Child(at, "dates"))];
            ImmutableArray<DatePeriod> periods = [.. Periods(filter.Periods, ScenarioErrors.Child(at, "periods"))];
            ImmutableArray<WeeklyWindow> windows = [.. Windows(filter.Windows, ScenarioErrors.Child(at, "windows"))];
            if (id is { } valid && kind is { } known)
            {
                result.Add(new TimeFilter { Id = valid, Name = filter.Name ?? "", Kind = known, Dates = dates, Periods = periods, Windows = windows, TimeZone = zone });
            }
        }

        return result.ToImmutable();
    }

    private void OnlyFor<T>(List<T>? values, TimeFilterKind? kind, TimeFilterKind wanted, string path)
    {
        if (values is { Count: > 0 } && kind is { } given && given != wanted)
        {
            _errors.Add(path, $"belongs to kind {TimeFilterKinds.First(k => k.Value == wanted).Name}, not {TimeFilterKinds.First(k => k.Value == given).Name}");
        }
    }

    private IEnumerable<DateOnly> Days(List<string>? days, string path)
    {
        for (var i = 0; i < (days?.Count ?? 0); i++)
        {
            if (Day(days![i], ScenarioErrors.Item(path, i)) is { } day)
            {
                yield return day;
            }
        }
    }

    private IEnumerable<DatePeriod> Periods(List<PeriodDocument>? periods, string path)
    {
        for (var i = 0; i < (periods?.Count ?? 0); i++)
        {
            var at = ScenarioErrors.Item(path, i);
            var from = Day(Required(periods![i].From, ScenarioErrors.Child(at, "from")), ScenarioErrors.Child(at, "from"));
            var to = Day(Required(periods[i].To, ScenarioErrors.Child(at, "to")), ScenarioErrors.Child(at, "to"));
            if (from is { } first && to is { } last)
            {
                if (last < first)
                {
                    _errors.Add(ScenarioErrors.Child(at, "to"), "must not be before from");
                    continue;
                }

                yield return new DatePeriod(first, last);
            }
        }
    }

    private IEnumerable<WeeklyWindow> Windows(List<WindowDocument>? windows, string path)
    {
        for (var i = 0; i < (windows?.Count ?? 0); i++)
        {
            var at = ScenarioErrors.Item(path, i);
            var days = WeekDays(Required(windows![i].Day, ScenarioErrors.Child(at, "day")), ScenarioErrors.Child(at, "day"));
            var from = Time(Required(windows[i].From, ScenarioErrors.Child(at, "from")), ScenarioErrors.Child(at, "from"));
            var to = Time(Required(windows[i].To, ScenarioErrors.Child(at, "to")), ScenarioErrors.Child(at, "to"));
            if (days is null || from is not { } open || to is not { } close)
            {
                continue;
            }

            if (close <= open)
            {
                _errors.Add(ScenarioErrors.Child(at, "to"), "must be after from");
                continue;
            }

            foreach (var day in days)
            {
                yield return new WeeklyWindow(day, open, close);
            }
        }
    }

    private DateOnly? Day(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            _errors.Add(path, $"must be a day as yyyy-MM-dd, not '{text}'");
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
            _errors.Add(path, $"must be a time as HH:mm, not '{text}'");
            return null;
        }

        return time;
    }

    /// <summary>"mon", "monday" or a range "mon-fri", Monday first (a week that wraps past Sunday is two windows).</summary>
    private List<DayOfWeek>? WeekDays(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        var ends = text.Split('-', StringSplitOptions.TrimEntries);
        if (ends.Length > 2 || WeekDay(ends[0]) is not { } first || WeekDay(ends[^1]) is not { } last || last < first)
        {
            _errors.Add(path, $"must be a day (mon to sun, or monday to sunday) or a range such as mon-fri, not '{text}'");
            return null;
        }

        return [.. Enumerable.Range(first, last - first + 1).Select(i => (DayOfWeek)((i + 1) % 7))];
    }

    private static int? WeekDay(string name)
    {
        var lower = name.ToLowerInvariant();
        var index = Array.FindIndex(DayNames, d => d == lower || (lower.Length == 3 && d.StartsWith(lower, StringComparison.Ordinal)));
        return index < 0 ? null : index;
    }

    private ImmutableArray<FeatureFlag> Flags(List<FlagDocument>? documents)
    {
        var path = ScenarioErrors.Child(RoutingPath, "flags");
        var ids = new Dictionary<int, string>();
        var result = ImmutableArray.CreateBuilder<FeatureFlag>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var at = ScenarioErrors.Item(path, i);
            if (RoutingId(documents![i].Id, at, ids) is { } id)
            {
                result.Add(new FeatureFlag { Id = id, Name = documents[i].Name ?? "", Active = documents[i].On ?? false });
            }
        }

        return result.ToImmutable();
    }

    private ImmutableArray<CallRoute> Routes(List<RouteDocument>? documents, ImmutableArray<FeatureFlag> flags)
    {
        var path = ScenarioErrors.Child(RoutingPath, "routes");
        var ids = new Dictionary<int, string>();
        var result = ImmutableArray.CreateBuilder<CallRoute>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var route = documents![i];
            var at = ScenarioErrors.Item(path, i);
            var id = RoutingId(route.Id, at, ids);
            var destination = RouteDestination(route.Destination, ScenarioErrors.Child(at, "destination"), required: true);
            var flagDestination = RouteDestination(route.FlagDestination, ScenarioErrors.Child(at, "flagDestination"), required: false);
            if (route.Flag is { } flag && flags.All(f => f.Id != flag))
            {
                _errors.Add(ScenarioErrors.Child(at, "flag"), $"flag {flag} is not defined in numberRouting.flags");
            }

            if ((route.Flag is null) != (route.FlagDestination is null))
            {
                // A flag without a destination switches nothing; a destination without a flag is never taken.
                _errors.Add(ScenarioErrors.Child(at, route.Flag is null ? "flag" : "flagDestination"), "flag and flagDestination go together");
            }

            if (id is { } valid && destination is not null)
            {
                result.Add(new CallRoute
                {
                    Id = valid,
                    Name = route.Name ?? "",
                    Destination = destination,
                    Fallback = route.Fallback ?? false,
                    FlagId = route.Flag,
                    FlagDestination = flagDestination,
                });
            }
        }

        return result.ToImmutable();
    }

    /// <summary>Anything the tenant can dial: its own numbers, a queue's name, or an outside number ('+' allowed).</summary>
    private string? RouteDestination(string? value, string path, bool required)
    {
        if (value is null)
        {
            return required ? Required(value, path) : null;
        }

        if (value.Length is 0 or > 80 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            _errors.Add(path, "must be 1 to 80 characters without spaces (a number of the tenant, a queue or an outside number)");
            return null;
        }

        return value;
    }

    private ImmutableArray<NumberRoute> Numbers(List<NumberDocument>? documents, ImmutableArray<TimeFilter> filters, ImmutableArray<CallRoute> routes, List<ValidExtension> extensions)
    {
        var path = ScenarioErrors.Child(RoutingPath, "numbers");
        var ids = new Dictionary<int, string>();
        var numbers = new Dictionary<string, string>(StringComparer.Ordinal);
        var extensionNumbers = extensions.Select(e => e.Config.Number).ToHashSet(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<NumberRoute>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var number = documents![i];
            var at = ScenarioErrors.Item(path, i);
            var id = RoutingId(number.Id, at, ids);
            var dialled = InboundNumber(number.Number, ScenarioErrors.Child(at, "number"));
            if (dialled is not null && extensionNumbers.Contains(dialled))
            {
                // The call model dials an extension's own number directly; a route on it would never be taken.
                _errors.Add(ScenarioErrors.Child(at, "number"), $"'{dialled}' is an extension's number");
                dialled = null;
            }

            if (dialled is not null && !numbers.TryAdd(dialled.TrimStart('+'), at))
            {
                _errors.Add(ScenarioErrors.Child(at, "number"), $"'{dialled}' is already routed by {numbers[dialled.TrimStart('+')]}");
                dialled = null;
            }

            RouteRef(number.Route, ScenarioErrors.Child(at, "route"), routes, fallback: false);
            RouteRef(number.FallbackRoute, ScenarioErrors.Child(at, "fallbackRoute"), routes, fallback: true);
            FilterRef(number.Holidays, ScenarioErrors.Child(at, "holidays"), filters, TimeFilterKind.Dates);
            FilterRef(number.Vacations, ScenarioErrors.Child(at, "vacations"), filters, TimeFilterKind.Periods);
            FilterRef(number.OfficeHours, ScenarioErrors.Child(at, "officeHours"), filters, TimeFilterKind.WeeklyHours);
            if (id is { } valid && dialled is not null)
            {
                result.Add(new NumberRoute
                {
                    Id = valid,
                    Number = dialled,
                    Name = number.Name ?? "",
                    RouteId = number.Route,
                    FallbackRouteId = number.FallbackRoute,
                    HolidaysFilterId = number.Holidays,
                    VacationsFilterId = number.Vacations,
                    OpeningHoursFilterId = number.OfficeHours,
                });
            }
        }

        return result.ToImmutable();
    }

    /// <summary>A number as the trunk delivers it: 1 to 20 digits, a leading '+' allowed.</summary>
    private string? InboundNumber(string? value, string path)
    {
        if (Required(value, path) is not { } number)
        {
            return null;
        }

        var digits = number.StartsWith('+') ? number[1..] : number;
        if (digits.Length is 0 or > 20 || !digits.All(char.IsAsciiDigit))
        {
            _errors.Add(path, $"must be 1 to 20 digits with an optional leading '+', not '{number}'");
            return null;
        }

        return number;
    }

    private void RouteRef(int? id, string path, ImmutableArray<CallRoute> routes, bool fallback)
    {
        if (id is { } wanted && !routes.Any(r => r.Id == wanted && r.Fallback == fallback))
        {
            _errors.Add(path, $"{(fallback ? "fallback route" : "route")} {wanted} is not defined in numberRouting.routes{(fallback ? " with fallback: true" : "")}");
        }
    }

    private void FilterRef(int? id, string path, ImmutableArray<TimeFilter> filters, TimeFilterKind kind)
    {
        if (id is { } wanted && !filters.Any(f => f.Id == wanted && f.Kind == kind))
        {
            _errors.Add(path, $"time filter {wanted} of kind {TimeFilterKinds.First(k => k.Value == kind).Name} is not defined in numberRouting.timeFilters");
        }
    }

    private ImmutableArray<HotDeskTemplate> HotDeskTemplates(List<HotDeskTemplateDocument>? documents)
    {
        var path = ScenarioErrors.Child(RoutingPath, "hotDeskTemplates");
        var ids = new Dictionary<int, string>();
        var result = ImmutableArray.CreateBuilder<HotDeskTemplate>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            if (RoutingId(documents![i].Id, ScenarioErrors.Item(path, i), ids) is { } id)
            {
                result.Add(new HotDeskTemplate { Id = id, Name = documents[i].Name ?? "" });
            }
        }

        return result.ToImmutable();
    }

    private ImmutableArray<HotDesk> HotDesks(List<HotDeskDocument>? documents, ImmutableArray<HotDeskTemplate> templates, List<ValidExtension> extensions)
    {
        var path = ScenarioErrors.Child(RoutingPath, "hotDesks");
        var ids = new Dictionary<int, string>();
        var result = ImmutableArray.CreateBuilder<HotDesk>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var desk = documents![i];
            var at = ScenarioErrors.Item(path, i);
            var id = RoutingId(desk.Id, at, ids);
            var number = DialNumber(desk.Number, ScenarioErrors.Child(at, "number"), required: false);
            if (desk.Extension is { } user && extensions.All(e => e.Config.Number != user))
            {
                _errors.Add(ScenarioErrors.Child(at, "extension"), $"extension '{user}' is not defined in this scenario");
            }

            if (desk.Template is { } template && templates.All(t => t.Id != template))
            {
                _errors.Add(ScenarioErrors.Child(at, "template"), $"template {template} is not defined in numberRouting.hotDeskTemplates");
            }

            if (desk.Device is { } device && (device.Length == 0 || device.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                _errors.Add(ScenarioErrors.Child(at, "device"), "must be a device id without spaces (e.g. a MAC address)");
            }

            if (id is { } valid)
            {
                result.Add(new HotDesk
                {
                    Id = valid,
                    Name = desk.Name ?? "",
                    Device = desk.Device ?? "",
                    Number = number,
                    Extension = desk.Extension is { Length: > 0 } e ? e : null,
                    TemplateId = desk.Template,
                });
            }
        }

        return result.ToImmutable();
    }

    /// <summary>An item's id: required, positive, and unique within its list (ids are what APIs and references name).</summary>
    private int? RoutingId(int? value, string itemPath, Dictionary<int, string> seen)
    {
        var path = ScenarioErrors.Child(itemPath, "id");
        if (value is not { } id)
        {
            _errors.Add(path, "is required");
            return null;
        }

        if (id <= 0)
        {
            _errors.Add(path, "must be at least 1");
            return null;
        }

        if (!seen.TryAdd(id, itemPath))
        {
            _errors.Add(path, $"id {id} is already used by {seen[id]}");
            return null;
        }

        return id;
    }
}
