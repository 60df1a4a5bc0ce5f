using System.Collections.Immutable;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>What a time filter describes: single days, periods of days, or weekly opening windows.</summary>
public enum TimeFilterKind
{
    /// <summary>Whole days (public holidays).</summary>
    Dates = 0,

    /// <summary>Inclusive ranges of days (vacations).</summary>
    Periods = 1,

    /// <summary>Windows in the week (office hours).</summary>
    WeeklyHours = 2,
}

/// <summary>An inclusive range of days.</summary>
[GenerateSerializer, Immutable, Alias("pbx.date-period")]
public sealed record class DatePeriod([property: Id(0)] DateOnly From, [property: Id(1)] DateOnly To);

/// <summary>A window on one day of the week, from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
[GenerateSerializer, Immutable, Alias("pbx.weekly-window")]
public sealed record class WeeklyWindow([property: Id(0)] DayOfWeek Day, [property: Id(1)] TimeOnly From, [property: Id(2)] TimeOnly To);

/// <summary>A named calendar condition that number routes refer to by id; it is read in its own time zone.</summary>
[GenerateSerializer, Immutable, Alias("pbx.time-filter")]
public sealed record class TimeFilter
{
    [Id(0)] public required int Id { get; init; }

    [Id(1)] public string Name { get; init; } = "";

    [Id(2)] public TimeFilterKind Kind { get; init; }

    [Id(3)] public ImmutableArray<DateOnly> Dates { get; init; } = [];

    [Id(4)] public ImmutableArray<DatePeriod> Periods { get; init; } = [];

    [Id(5)] public ImmutableArray<WeeklyWindow> Windows { get; init; } = [];

    /// <summary>An IANA time zone id; the filter's days and hours are local to it.</summary>
    [Id(6)] public string TimeZone { get; init; } = "UTC";
}

/// <summary>
/// A routing plan: where calls go. When <see cref="FlagId"/> names a feature flag that is on, calls go to
/// <see cref="FlagDestination"/> instead (a manual switch such as a night service).
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.call-route")]
public sealed record class CallRoute
{
    [Id(0)] public required int Id { get; init; }

    [Id(1)] public string Name { get; init; } = "";

    /// <summary>A number of the tenant (extension, queue, ring group) or an outside number.</summary>
    [Id(2)] public string Destination { get; init; } = "";

    /// <summary>A fallback route (used when a number is closed) rather than a normal one; both kinds share the id space.</summary>
    [Id(3)] public bool Fallback { get; init; }

    [Id(4)] public int? FlagId { get; init; }

    [Id(5)] public string? FlagDestination { get; init; }
}

/// <summary>
/// An inbound number (DID) and how its calls are routed: to <see cref="RouteId"/> while open, to
/// <see cref="FallbackRouteId"/> on a holiday, during a vacation, or outside the opening hours.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.number-route")]
public sealed record class NumberRoute
{
    [Id(0)] public required int Id { get; init; }

    /// <summary>The dialled number, as the trunk delivers it (a leading '+' is ignored when matching).</summary>
    [Id(1)] public required string Number { get; init; }

    [Id(2)] public string Name { get; init; } = "";

    [Id(3)] public int? HolidaysFilterId { get; init; }

    [Id(4)] public int? VacationsFilterId { get; init; }

    [Id(5)] public int? OpeningHoursFilterId { get; init; }

    [Id(6)] public int? RouteId { get; init; }

    [Id(7)] public int? FallbackRouteId { get; init; }
}

/// <summary>A tenant-wide on/off switch that routes consult (and a phone's lamp could show).</summary>
[GenerateSerializer, Immutable, Alias("pbx.feature-flag")]
public sealed record class FeatureFlag
{
    [Id(0)] public required int Id { get; init; }

    [Id(1)] public string Name { get; init; } = "";

    [Id(2)] public bool Active { get; init; }
}

/// <summary>
/// A shared phone (a desk) that an extension's user logs in to: while <see cref="Extension"/> is set, the desk's
/// device and its number reach that extension.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.hot-desk")]
public sealed record class HotDesk
{
    [Id(0)] public required int Id { get; init; }

    [Id(1)] public string Name { get; init; } = "";

    /// <summary>The desk phone's device id (e.g. its MAC address).</summary>
    [Id(2)] public string Device { get; init; } = "";

    /// <summary>The extension logged in at the desk; null when nobody is.</summary>
    [Id(3)] public string? Extension { get; init; }

    [Id(4)] public int? TemplateId { get; init; }

    /// <summary>A number that reaches whoever is logged in at the desk; null for none.</summary>
    [Id(5)] public string? Number { get; init; }

    /// <summary>When someone last logged in or out at the desk (on the call model's clock); null if never.</summary>
    [Id(6)] public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>Who was logged in before the last change (the one a logout or a takeover removed).</summary>
    [Id(7)] public string? PreviousExtension { get; init; }
}

/// <summary>A key and settings layout a desk phone takes on when someone logs in.</summary>
[GenerateSerializer, Immutable, Alias("pbx.hot-desk-template")]
public sealed record class HotDeskTemplate
{
    [Id(0)] public required int Id { get; init; }

    [Id(1)] public string Name { get; init; } = "";
}

/// <summary>A tenant's inbound number routing: time filters, routes, numbers, feature flags and hot desks.</summary>
[GenerateSerializer, Immutable, Alias("pbx.number-routing")]
public sealed record class NumberRouting
{
    [Id(0)] public ImmutableArray<TimeFilter> TimeFilters { get; init; } = [];

    [Id(1)] public ImmutableArray<CallRoute> Routes { get; init; } = [];

    [Id(2)] public ImmutableArray<NumberRoute> Numbers { get; init; } = [];

    [Id(3)] public ImmutableArray<FeatureFlag> Flags { get; init; } = [];

    [Id(4)] public ImmutableArray<HotDesk> HotDesks { get; init; } = [];

    [Id(5)] public ImmutableArray<HotDeskTemplate> HotDeskTemplates { get; init; } = [];

    // [Id(6)] was a seeding fingerprint, removed before it was ever persisted by a released build; do not reuse it.

    /// <summary>Grows with every change.</summary>
    [Id(7)] public long Version { get; init; }

    public static NumberRouting Empty { get; } = new();
}

/// <summary>A change to a number route; null leaves a field as it is, 0 clears it.</summary>
[GenerateSerializer, Immutable, Alias("pbx.number-route-change")]
public sealed record class NumberRouteChange
{
    [Id(0)] public int? HolidaysFilterId { get; init; }

    [Id(1)] public int? VacationsFilterId { get; init; }

    [Id(2)] public int? OpeningHoursFilterId { get; init; }

    [Id(3)] public int? RouteId { get; init; }

    [Id(4)] public int? FallbackRouteId { get; init; }
}

/// <summary>A change to a hot desk: who is logged in ("" logs out) and its template (0 clears it); null leaves a field.</summary>
[GenerateSerializer, Immutable, Alias("pbx.hot-desk-change")]
public sealed record class HotDeskChange
{
    [Id(0)] public string? Extension { get; init; }

    [Id(1)] public int? TemplateId { get; init; }
}
