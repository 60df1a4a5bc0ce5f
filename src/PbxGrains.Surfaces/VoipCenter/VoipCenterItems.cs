using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.VoipCenter;

/// <summary>
/// The items of each get.php menu, as PHP arrays of strings with Dutch keys as the product uses (<c>naam</c>,
/// <c>nummer</c>, <c>actief</c>). Wire models only: they are built from the call model's contracts here and nowhere else.
/// </summary>
public static class VoipCenterItems
{
    private static readonly string[] DayNames = ["zo", "ma", "di", "wo", "do", "vr", "za"];

    public static IReadOnlyList<(int Id, PhpArray Item)> Of(string menu, NumberRouting routing, IReadOnlyDictionary<string, string> accountIds) => menu switch
    {
        "did" => [.. routing.Numbers.OrderBy(n => n.Id).Select(n => (n.Id, Did(n)))],
        "feestdagen" => Filters(routing, TimeFilterKind.Dates),
        "vakanties" => Filters(routing, TimeFilterKind.Periods),
        "kantooruren" => Filters(routing, TimeFilterKind.WeeklyHours),
        "routes" => [.. routing.Routes.Where(r => !r.Fallback).OrderBy(r => r.Id).Select(r => (r.Id, Route(r)))],
        "backuproutes" => [.. routing.Routes.Where(r => r.Fallback).OrderBy(r => r.Id).Select(r => (r.Id, Route(r)))],
        "indicator" => [.. routing.Flags.OrderBy(f => f.Id).Select(f => (f.Id, Indicator(f)))],
        "hddesk" => [.. routing.HotDesks.OrderBy(d => d.Id).Select(d => (d.Id, Desk(d, accountIds)))],
        "hdtemplate" => [.. routing.HotDeskTemplates.OrderBy(t => t.Id).Select(t => (t.Id, new PhpArray().Set("id", Text(t.Id)).Set("naam", t.Name)))],
        _ => [],
    };

    /// <summary>
    /// What an <c>id=0</c> list holds for one item: a DID is its number itself (<c>{"id_540":"+3225550540"}</c>, as
    /// tijsverkoyen's PHP class and its fixtures read a DID list); an indicator is its name (the Home Assistant
    /// integration names each switch by the value under <c>id_N</c>); any other item is the item as <c>id=N</c> shows it.
    /// </summary>
    public static object ListEntry(string menu, PhpArray item) => menu switch
    {
        "did" => Field(item, "nummer"),
        "indicator" => Field(item, "naam"),
        _ => item,
    };

    /// <summary>
    /// A SIP account with the product's field names as its clients map them (tijsverkoyen's PHP class: <c>logname</c>
    /// the logical name, <c>naam</c> the last name, <c>voornaam</c> the first name, <c>DIDout</c> the number outside
    /// calls present, <c>SIPusername</c>, <c>userAgent</c> and <c>SIPping</c> the phone's round trip in ms, empty
    /// while it is not registered), then the surface's own (<c>sipaccount</c>, <c>nummer</c>, <c>callerid</c>,
    /// <c>geregistreerd</c>). A line nobody is listed on has its logical name as <c>naam</c> and no <c>voornaam</c>.
    /// </summary>
    public static PhpArray SipAccount(ExtensionView extension)
    {
        var config = extension.Config;
        var person = config.Person;
        return new PhpArray()
            .Set("id", Text(config.DatabaseId))
            .Set("logname", config.Name)
            .Set("naam", person?.LastName ?? config.Name)
            .Set("voornaam", person?.FirstName ?? "")
            .Set("DIDout", person?.OutgoingNumber ?? config.PublicNumber ?? "")
            .Set("SIPusername", config.Peer)
            .Set("userAgent", extension.Registration?.UserAgent ?? "")
            .Set("SIPping", extension.Registration is { } registration ? Text(registration.LatencyMs) : "")
            .Set("sipaccount", config.Peer)
            .Set("nummer", config.Number)
            .Set("callerid", config.OutboundCallerIdNumber)
            .Set("geregistreerd", extension.Registered ? "1" : "0");
    }

    public static PhpArray Did(NumberRoute number) => new PhpArray()
        .Set("id", Text(number.Id))
        .Set("nummer", number.Number)
        .Set("naam", number.Name)
        .Set("feestdagen", Text(number.HolidaysFilterId))
        .Set("vakanties", Text(number.VacationsFilterId))
        .Set("kantooruren", Text(number.OpeningHoursFilterId))
        .Set("route", Text(number.RouteId))
        .Set("backuproute", Text(number.FallbackRouteId));

    public static PhpArray Route(CallRoute route) => new PhpArray()
        .Set("id", Text(route.Id))
        .Set("naam", route.Name)
        .Set("bestemming", route.Destination)
        .Set("indicator", Text(route.FlagId))
        .Set("indicator_bestemming", route.FlagDestination ?? "");

    public static PhpArray Indicator(FeatureFlag flag) => new PhpArray()
        .Set("id", Text(flag.Id))
        .Set("naam", flag.Name)
        .Set("actief", flag.Active ? "1" : "0");

    public static PhpArray Desk(HotDesk desk, IReadOnlyDictionary<string, string> accountIds) => new PhpArray()
        .Set("id", Text(desk.Id))
        .Set("naam", desk.Name)
        .Set("toestel", desk.Device)
        .Set("nummer", desk.Number ?? "")
        .Set("sipaccount", desk.Extension is { } e ? accountIds.GetValueOrDefault(e, "") : "")
        .Set("template", Text(desk.TemplateId));

    /// <summary>A call's id is the sequence part of its unique id (<c>1267042128.359</c> → 359), unique within a tenant.</summary>
    public static int CallId(string uniqueId) =>
        UniqueId.Parse(uniqueId) is { Sequence: <= int.MaxValue and var sequence } ? (int)sequence : 0;

    public static PhpArray Call(CdrRecord cdr) => new PhpArray()
        .Set("id", Text(CallId(cdr.UniqueId)))
        .Set("uniqueid", cdr.UniqueId)
        .Set("datum", cdr.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))
        .Set("van", cdr.Source)
        .Set("naar", cdr.Destination)
        .Set("duur", Text(cdr.Duration))
        .Set("billsec", Text(cdr.BillSec))
        .Set("status", cdr.Disposition switch
        {
            CdrDisposition.Answered => "ANSWERED",
            CdrDisposition.Busy => "BUSY",
            CdrDisposition.NoAnswer => "NO ANSWER",
            _ => "FAILED",
        })
        .Set("opname", cdr.RecordingFile ?? "");

    private static IReadOnlyList<(int, PhpArray)> Filters(NumberRouting routing, TimeFilterKind kind) =>
        [.. routing.TimeFilters.Where(f => f.Kind == kind).OrderBy(f => f.Id).Select(f => (f.Id, Filter(f)))];

    private static PhpArray Filter(TimeFilter filter)
    {
        var item = new PhpArray().Set("id", Text(filter.Id)).Set("naam", filter.Name);
        return filter.Kind switch
        {
            TimeFilterKind.Dates => item.Set("datums", string.Join(',', filter.Dates.Select(Day))),
            TimeFilterKind.Periods => item.Set("periodes", string.Join(',', filter.Periods.Select(p => $"{Day(p.From)}..{Day(p.To)}"))),
            _ => item.Set("uren", string.Join(',', filter.Windows.Select(w =>
                $"{DayNames[(int)w.Day]} {w.From.ToString("HH:mm", CultureInfo.InvariantCulture)}-{w.To.ToString("HH:mm", CultureInfo.InvariantCulture)}"))),
        };
    }

    private static string Field(PhpArray item, string key) => item.FirstOrDefault(p => p.Key == key).Value as string ?? "";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
