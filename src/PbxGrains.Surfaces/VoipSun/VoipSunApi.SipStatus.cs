using System.Globalization;
using System.Text.Json.Nodes;
using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.VoipSun;

public static partial class VoipSunApi
{
    /// <summary>
    /// sipstatus: the SIP peers and their registrations, as the document's answer (which, unlike the other actions,
    /// has a number for <c>total</c> and <c>id</c> and booleans for <c>success</c> and <c>_debug</c>). Lines are the
    /// SIP extensions that have a database id (<c>extension_line_id</c>; the peer's <c>id</c> is that id × 10 + 2), in
    /// id order; the tenant's trunk follows (<c>sip_id</c> = <c>trunkId</c>, <c>id</c> = trunkId × 10 + 1).
    /// <c>status</c> is <c>OK (N ms)</c> for a registered phone that answers qualify (a latency), <c>Unmonitored</c>
    /// for a registered one that is not qualified, <c>UNKNOWN</c> for one that has not registered.
    /// </summary>
    private static async Task<VoipSunAnswer> SipStatusAsync(VoipSunRequest request)
    {
        var lines = request.Directory.Lines
            .Where(l => l.DatabaseId is not null && l.Tech is "SIP" or "PJSIP")
            .OrderBy(l => l.DatabaseId)
            .ToList();
        var views = await Task.WhenAll(lines.Select(l => request.Pbx.Extension(request.Tenant, l.Number).GetAsync()));
        var results = new JsonArray();
        foreach (var view in views.Where(v => v.Exists))
        {
            results.Add(SipPeer(view));
        }

        var settings = request.Directory.Settings;
        if (int.TryParse(settings.TrunkId, NumberStyles.None, CultureInfo.InvariantCulture, out var trunkId))
        {
            results.Add(new JsonObject
            {
                ["id"] = (trunkId * 10) + 1,
                ["type"] = "sip",
                ["user"] = request.Directory.Tenant.Trunk,
                ["host"] = settings.TrunkHost ?? VoipSunLineChecks.Unspecified,
                ["port"] = settings.TrunkHost is null ? "0" : settings.TrunkPort,
                ["status"] = "Unmonitored",
                ["useragent"] = "",
                ["regcontact"] = "",
                ["registry"] = null,
                ["sip_id"] = settings.TrunkId,
            });
        }

        return VoipSunAnswer.Php(new JsonObject
        {
            ["total"] = results.Count,
            ["results"] = results,
            ["success"] = true,
            ["_debug"] = false,
        });
    }

    public static JsonObject SipPeer(ExtensionView view)
    {
        var id = view.Config.DatabaseId!.Value;
        var registration = view.Registration;
        return new JsonObject
        {
            ["id"] = (id * 10) + 2,
            ["type"] = "extension_line",
            ["user"] = view.Config.Peer,
            ["host"] = registration?.Host ?? VoipSunLineChecks.Unspecified,
            ["port"] = (registration?.Port ?? 0).ToString(CultureInfo.InvariantCulture),
            ["status"] = registration is null ? "UNKNOWN" : registration.LatencyMs > 0 ? $"OK ({registration.LatencyMs} ms)" : "Unmonitored",
            ["useragent"] = registration?.UserAgent ?? "",
            ["regcontact"] = registration?.Contact ?? "",
            ["registry"] = null,
            ["extension_line_id"] = id.ToString(CultureInfo.InvariantCulture),
        };
    }
}
