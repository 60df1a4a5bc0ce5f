using System.Collections.Immutable;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Tests.VoipCenter.Infrastructure;

/// <summary>
/// The test tenants' number routing, given to the call model as a scenario's <c>numberRouting</c> would be: the
/// surface shows and changes the call model's routing and reads none from its settings.
/// </summary>
public static class CustomerRouting
{
    /// <summary>Europe/Brussels: the filters read the fixture's clock (a Monday, 10:00) in Belgian time.</summary>
    private const string Zone = "Europe/Brussels";

    private static readonly DayOfWeek[] WorkDays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>DIDs 540 (filtered) and 541, filters 10, 11 (<paramref name="today"/>), 20, 30, 31, routes 140 and 141,
    /// backup route 150, indicators 100 (off) and 101 (on), hot desk 100 with template 50.</summary>
    public static NumberRouting For(DateOnly today) => new()
    {
        TimeFilters =
        [
            new TimeFilter { Id = 10, Name = "Feestdagen", Kind = TimeFilterKind.Dates, Dates = [new(2026, 1, 1), new(2026, 12, 25)], TimeZone = Zone },
            new TimeFilter { Id = 11, Name = "Vandaag", Kind = TimeFilterKind.Dates, Dates = [today], TimeZone = Zone },
            new TimeFilter { Id = 20, Name = "Bouwverlof", Kind = TimeFilterKind.Periods, Periods = [new(new(2026, 7, 20), new(2026, 8, 7))], TimeZone = Zone },
            new TimeFilter
            {
                Id = 30,
                Name = "Kantooruren",
                Kind = TimeFilterKind.WeeklyHours,
                Windows = [.. WorkDays.SelectMany(d => new[] { new WeeklyWindow(d, new(8, 30), new(12, 0)), new WeeklyWindow(d, new(13, 0), new(17, 30)) })],
                TimeZone = Zone,
            },
            new TimeFilter { Id = 31, Name = "Zaterdag", Kind = TimeFilterKind.WeeklyHours, Windows = [new(DayOfWeek.Saturday, new(9, 0), new(12, 0))], TimeZone = Zone },
        ],
        Routes =
        [
            new CallRoute { Id = 140, Name = "Onthaal", Destination = "8101", FlagId = 100, FlagDestination = "8103" },
            new CallRoute { Id = 141, Name = "Verkoop", Destination = "8102" },
            new CallRoute { Id = 150, Name = "Buiten kantooruren", Destination = "8102", Fallback = true },
        ],
        Numbers =
        [
            new NumberRoute
            {
                Id = 540, Number = "+3225550540", Name = "Hoofdnummer", HolidaysFilterId = 10, VacationsFilterId = 20, OpeningHoursFilterId = 30,
                RouteId = 140, FallbackRouteId = 150,
            },
            new NumberRoute { Id = 541, Number = "+3225550541", Name = "Bureau lijn", RouteId = 141 },
        ],
        Flags = [new FeatureFlag { Id = 100, Name = "Nachtstand" }, new FeatureFlag { Id = 101, Name = "Pauze", Active = true }],
        HotDeskTemplates = [new HotDeskTemplate { Id = 50, Name = "Standaard" }],
        HotDesks = [new HotDesk { Id = 100, Name = "Onthaal desk", Device = "SEP001122334455", Number = "8100", TemplateId = 50 }],
    };
}
