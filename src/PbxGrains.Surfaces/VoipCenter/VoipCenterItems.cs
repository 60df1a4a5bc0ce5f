using System.Globalization;
using PbxGrains.Abstractions.Contracts;
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

    public static PhpArray SipAccount(ExtensionView extension) => new PhpArray()
        .Set("id", Text(extension.Config.DatabaseId))
        .Set("naam", extension.Config.Name)
        .Set("sipaccount", extension.Config.Peer)
        .Set("nummer", extension.Config.Number)
        .Set("callerid", extension.Config.OutboundCallerIdNumber)
        .Set("geregistreerd", extension.Registered ? "1" : "0");

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
        int.TryParse(uniqueId.AsSpan(uniqueId.IndexOf('.') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

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

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
