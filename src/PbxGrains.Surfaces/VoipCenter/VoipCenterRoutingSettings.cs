using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// The number routing a tenant's VoipCenter settings declare, one entry per item, fields separated by '|':
/// <code>
/// timeZone: Europe/Brussels                       # the zone of every time filter (default UTC)
/// feestdagen.10: "name|2026-01-01,2026-04-06"      # holidays: days
/// vakanties.20: "name|2026-07-20..2026-08-07"      # vacations: inclusive periods
/// kantooruren.30: "name|mon-fri 08:30-17:30,sat 09:00-12:00"   # office hours (days mon..sun or ma..zo)
/// route.140: "name|destination[|indicatorId|destinationWhileActive]"
/// backuproute.150: "name|destination"
/// did.540: "number|name|f|v|k|r|b"                 # ids of holidays, vacations, office hours, route, backup route ("" for none)
/// indicator.100: "name|0"                          # 1 = active
/// hdtemplate.50: "name"
/// hddesk.100: "name|device|number|extension|template"   # extension: the extension logged in ("" for none)
/// </code>
/// The surface seeds it into the call model (vendor-neutral number routing) when the tenant's routing was not seeded
/// from exactly these settings; an entry that cannot be read is left out.
/// </summary>
public static class VoipCenterRoutingSettings
{
    private static readonly string[] Prefixes = ["timeZone", "feestdagen.", "vakanties.", "kantooruren.", "route.", "backuproute.", "did.", "indicator.", "hdtemplate.", "hddesk."];

    public static NumberRouting Parse(ImmutableDictionary<string, string> map)
    {
        var entries = map.Where(p => Prefixes.Any(prefix => p.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (entries.All(e => e.Key == "timeZone"))
        {
            return NumberRouting.Empty;
        }

        var zone = map.GetValueOrDefault("timeZone") is { Length: > 0 } z ? z : "UTC";
        var filters = ImmutableArray.CreateBuilder<TimeFilter>();
        var routes = ImmutableArray.CreateBuilder<CallRoute>();
        var numbers = ImmutableArray.CreateBuilder<NumberRoute>();
        var flags = ImmutableArray.CreateBuilder<FeatureFlag>();
        var desks = ImmutableArray.CreateBuilder<HotDesk>();
        var templates = ImmutableArray.CreateBuilder<HotDeskTemplate>();
        foreach (var (key, value) in entries)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || VoipCenterSettings.Id(key[(dot + 1)..]) is not { } id)
            {
                continue;
            }

            var f = value.Split('|');
            string At(int i) => i < f.Length ? f[i].Trim() : "";
            switch (key[..dot])
            {
                case "feestdagen" when Dates(At(1)) is { } dates:
                    filters.Add(new TimeFilter { Id = id, Name = At(0), Kind = TimeFilterKind.Dates, Dates = dates, TimeZone = zone });
                    break;
                case "vakanties" when Periods(At(1)) is { } periods:
                    filters.Add(new TimeFilter { Id = id, Name = At(0), Kind = TimeFilterKind.Periods, Periods = periods, TimeZone = zone });
                    break;
                case "kantooruren" when Windows(At(1)) is { } windows:
                    filters.Add(new TimeFilter { Id = id, Name = At(0), Kind = TimeFilterKind.WeeklyHours, Windows = windows, TimeZone = zone });
                    break;
                case "route" or "backuproute":
                    routes.Add(new CallRoute
                    {
                        Id = id,
                        Name = At(0),
                        Destination = At(1),
                        Fallback = key[..dot] == "backuproute",
                        FlagId = VoipCenterSettings.Id(At(2)),
                        FlagDestination = At(3).Length > 0 ? At(3) : null,
                    });
                    break;
                case "did" when At(0).Length > 0:
                    numbers.Add(new NumberRoute
                    {
                        Id = id,
                        Number = At(0),
                        Name = At(1),
                        HolidaysFilterId = VoipCenterSettings.Id(At(2)),
                        VacationsFilterId = VoipCenterSettings.Id(At(3)),
                        OpeningHoursFilterId = VoipCenterSettings.Id(At(4)),
                        RouteId = VoipCenterSettings.Id(At(5)),
                        FallbackRouteId = VoipCenterSettings.Id(At(6)),
                    });
                    break;
                case "indicator":
                    flags.Add(new FeatureFlag { Id = id, Name = At(0), Active = At(1) == "1" });
                    break;
                case "hdtemplate":
                    templates.Add(new HotDeskTemplate { Id = id, Name = At(0) });
                    break;
                case "hddesk":
                    desks.Add(new HotDesk
                    {
                        Id = id,
                        Name = At(0),
                        Device = At(1),
                        Number = At(2).Length > 0 ? At(2) : null,
                        Extension = At(3).Length > 0 ? At(3) : null,
                        TemplateId = VoipCenterSettings.Id(At(4)),
                    });
                    break;
            }
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', entries.Select(e => $"{e.Key}={e.Value}")))))[..16];
        return new NumberRouting
        {
            TimeFilters = filters.ToImmutable(),
            Routes = routes.ToImmutable(),
            Numbers = numbers.ToImmutable(),
            Flags = flags.ToImmutable(),
            HotDesks = desks.ToImmutable(),
            HotDeskTemplates = templates.ToImmutable(),
            Seed = $"voipcenter:{fingerprint}",
        };
    }

    private static ImmutableArray<DateOnly>? Dates(string text)
    {
        var days = ImmutableArray.CreateBuilder<DateOnly>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return null;
            }

            days.Add(day);
        }

        return days.ToImmutable();
    }

    private static ImmutableArray<DatePeriod>? Periods(string text)
    {
        var periods = ImmutableArray.CreateBuilder<DatePeriod>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = part.Split("..", StringSplitOptions.TrimEntries);
            if (ends.Length != 2 || Dates(ends[0]) is not [var from] || Dates(ends[1]) is not [var to] || to < from)
            {
                return null;
            }

            periods.Add(new DatePeriod(from, to));
        }

        return periods.ToImmutable();
    }

    private static ImmutableArray<WeeklyWindow>? Windows(string text)
    {
        var windows = ImmutableArray.CreateBuilder<WeeklyWindow>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var hours = pieces.Length == 2 ? pieces[1].Split('-') : [];
            if (hours.Length != 2 || Days(pieces[0]) is not { } days ||
                !TimeOnly.TryParseExact(hours[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ||
                !TimeOnly.TryParseExact(hours[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to <= from)
            {
                return null;
            }

            windows.AddRange(days.Select(d => new WeeklyWindow(d, from, to)));
        }

        return windows.ToImmutable();
    }

    /// <summary>"mon", "mon-fri" (English or Dutch abbreviations), Monday first.</summary>
    private static IEnumerable<DayOfWeek>? Days(string text)
    {
        var ends = text.Split('-');
        if (ends.Length is < 1 or > 2 || DayIndex(ends[0]) is not { } first || DayIndex(ends[^1]) is not { } last || last < first)
        {
            return null;
        }

        return Enumerable.Range(first, last - first + 1).Select(i => (DayOfWeek)((i + 1) % 7));
    }

    private static int? DayIndex(string day) => day.ToLowerInvariant() switch
    {
        "mon" or "ma" => 0,
        "tue" or "di" => 1,
        "wed" or "wo" => 2,
        "thu" or "do" => 3,
        "fri" or "vr" => 4,
        "sat" or "za" => 5,
        "sun" or "zo" => 6,
        _ => null,
    };
}
