namespace PbxGrains.Host.Scenarios.Documents;

/// <summary>The tenant's inbound number routing as written: time filters, routes, numbers (DIDs), flags and hot desks.</summary>
public sealed class NumberRoutingDocument
{
    public List<TimeFilterDocument>? TimeFilters { get; set; }

    public List<RouteDocument>? Routes { get; set; }

    public List<NumberDocument>? Numbers { get; set; }

    public List<FlagDocument>? Flags { get; set; }

    public List<HotDeskDocument>? HotDesks { get; set; }

    public List<HotDeskTemplateDocument>? HotDeskTemplates { get; set; }
}

public sealed class TimeFilterDocument
{
    public int? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>dates | periods | weeklyHours.</summary>
    public string? Kind { get; set; }

    /// <summary>Kind dates: days as yyyy-MM-dd.</summary>
    public List<string>? Dates { get; set; }

    /// <summary>Kind periods: inclusive ranges of days.</summary>
    public List<PeriodDocument>? Periods { get; set; }

    /// <summary>Kind weeklyHours: opening windows.</summary>
    public List<WindowDocument>? Windows { get; set; }

    /// <summary>An IANA time zone id; UTC when left out.</summary>
    public string? TimeZone { get; set; }
}

public sealed class PeriodDocument
{
    public string? From { get; set; }

    public string? To { get; set; }
}

public sealed class WindowDocument
{
    /// <summary>A day (mon or monday) or a range of days (mon-fri).</summary>
    public string? Day { get; set; }

    /// <summary>HH:mm, inclusive.</summary>
    public string? From { get; set; }

    /// <summary>HH:mm, exclusive.</summary>
    public string? To { get; set; }
}

public sealed class RouteDocument
{
    public int? Id { get; set; }

    public string? Name { get; set; }

    public string? Destination { get; set; }

    /// <summary>A fallback route (taken while a number is closed) rather than a normal one.</summary>
    public bool? Fallback { get; set; }

    public int? Flag { get; set; }

    public string? FlagDestination { get; set; }
}

public sealed class NumberDocument
{
    public int? Id { get; set; }

    public string? Number { get; set; }

    public string? Name { get; set; }

    public int? Route { get; set; }

    public int? FallbackRoute { get; set; }

    public int? Holidays { get; set; }

    public int? Vacations { get; set; }

    public int? OfficeHours { get; set; }
}

public sealed class FlagDocument
{
    public int? Id { get; set; }

    public string? Name { get; set; }

    public bool? On { get; set; }
}

public sealed class HotDeskDocument
{
    public int? Id { get; set; }

    public string? Name { get; set; }

    public string? Device { get; set; }

    public string? Number { get; set; }

    /// <summary>The extension logged in at the desk when the scenario loads; left out for nobody.</summary>
    public string? Extension { get; set; }

    public int? Template { get; set; }
}

public sealed class HotDeskTemplateDocument
{
    public int? Id { get; set; }

    public string? Name { get; set; }
}
