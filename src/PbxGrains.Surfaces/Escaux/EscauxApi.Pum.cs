using System.Xml.Linq;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>
/// PUM: logging an extension in at a shared desk phone (its virtual phone moves onto the desk) and out again, over
/// the call model's hot desks. "The time between pumLogin or pumLogout API calls for one extension should be at least
/// 90 seconds. Otherwise, pumLogin and pumLogout will return an error."
/// </summary>
public static partial class EscauxApi
{
    public static readonly TimeSpan PumInterval = TimeSpan.FromSeconds(90);

    public static async Task<EscauxAnswer> PumLoginAsync(EscauxRequest request)
    {
        const string root = "pumLoginResult";
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        var phone = request.Text("phone");
        if (extension is null)
        {
            return PumError(root, $"Extension {request.Get("ext")} does not exist.");
        }

        var routing = await request.Pbx.GetNumberRoutingAsync(request.Tenant) ?? NumberRouting.Empty;
        var desk = routing.HotDesks.FirstOrDefault(d => phone is not null && string.Equals(d.Device, phone, StringComparison.OrdinalIgnoreCase));
        if (desk is null)
        {
            return PumError(root, $"Phone {phone} is not a PUM phone.");
        }

        var catalogue = await EscauxData.CatalogueAsync(request);
        var virtualPhone = extension.Config.DeviceIds.FirstOrDefault(id =>
            catalogue.Phones.Any(p => p.Kind == PhoneKind.Virtual && string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)));
        if (virtualPhone is null)
        {
            return PumError(root, $"Extension {extension.Config.Number} has no virtual phone.");
        }

        if (TooSoon(request, routing, extension.Config.Number) is { } wait)
        {
            return PumError(root, wait);
        }

        var changed = await request.Pbx.UpdateHotDeskAsync(request.Tenant, desk.Id, new HotDeskChange { Extension = extension.Config.Number });
        if (!changed.IsOk)
        {
            return PumError(root, $"Connexion failed: {changed.Error}.");
        }

        return new EscauxAnswer(new XElement(root,
            new XElement("Extension", extension.Config.Number),
            new XElement("Phone", desk.Device),
            new XElement("Status", "OK"),
            new XElement("StatusText", "Connexion successfully done."),
            new XElement("Virtual", virtualPhone),
            new XElement("Result", 0)), null);
    }

    /// <summary>Removes every virtual phone of the extension from the desks it is logged in at.</summary>
    public static async Task<EscauxAnswer> PumLogoutAsync(EscauxRequest request)
    {
        const string root = "pumLogoutResult";
        var extension = await EscauxData.ExtensionAsync(request, request.Text("ext"));
        if (extension is null)
        {
            return PumError(root, $"Extension {request.Get("ext")} does not exist.");
        }

        var number = extension.Config.Number;
        var routing = await request.Pbx.GetNumberRoutingAsync(request.Tenant) ?? NumberRouting.Empty;
        var desks = routing.HotDesks.Where(d => d.Extension == number).ToList();
        if (desks.Count == 0)
        {
            return PumError(root, $"Extension {number} is not logged in.");
        }

        if (TooSoon(request, routing, number) is { } wait)
        {
            return PumError(root, wait);
        }

        foreach (var desk in desks)
        {
            var changed = await request.Pbx.UpdateHotDeskAsync(request.Tenant, desk.Id, new HotDeskChange { Extension = "" });
            if (!changed.IsOk)
            {
                return PumError(root, $"Logout failed: {changed.Error}.");
            }
        }

        return new EscauxAnswer(new XElement(root,
            new XElement("Extension", number),
            new XElement("Result", 0),
            new XElement("Status", "OK"),
            new XElement("StatusText", "Logout successfully done.")), null);
    }

    /// <summary>The error when the extension's last login or logout (at any desk) is less than 90 seconds old.</summary>
    private static string? TooSoon(EscauxRequest request, NumberRouting routing, string number)
    {
        var last = routing.HotDesks
            .Where(d => d.ChangedAt is not null && (d.Extension == number || d.PreviousExtension == number))
            .Select(d => d.ChangedAt!.Value)
            .DefaultIfEmpty(DateTimeOffset.MinValue)
            .Max();
        var since = request.Pbx.Clock.Now - last;
        return since < PumInterval
            ? $"The last login or logout of extension {number} was {(int)since.TotalSeconds} seconds ago; wait {(int)PumInterval.TotalSeconds} seconds between them."
            : null;
    }

    private static EscauxAnswer PumError(string root, string error) =>
        new(new XElement(root, new XElement("Result", 1), new XElement("Error", error)), null);
}
