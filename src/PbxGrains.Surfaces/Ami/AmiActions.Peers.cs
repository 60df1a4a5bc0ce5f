using System.Globalization;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Surfaces.Ami;

/// <summary>The actions on phones: their hint state and their SIP and PJSIP listings, from the extensions' own pictures.</summary>
public static partial class AmiActions
{
    private static async Task ExtensionStateAsync(AmiRequest r)
    {
        var exten = r.Message["Exten"];
        if (exten.Length == 0)
        {
            r.Error("Extension not specified");
            return;
        }

        var context = r.Message["Context"] is { Length: > 0 } given ? given : "default";
        var view = await r.Services.Pbx.Extension(r.Tenant, exten).GetAsync();
        var (status, text) = view.Exists ? view.DeviceState.AsteriskExtensionState() : (-1, "Unknown");
        r.Send(r.Start()
            .Add("Message", "Extension Status")
            .Add("Exten", exten)
            .Add("Context", context)
            .Add("Hint", view.Exists ? $"{view.Config.Tech}/{PeerOf(view)}" : "")
            .Add("Status", status)
            .Add("StatusText", text));
    }

    private static async Task SipPeersAsync(AmiRequest r)
    {
        var extensions = await r.Services.Pbx.ListExtensionsAsync(r.Tenant);
        r.SendList("Peer status list will follow", "PeerlistComplete", extensions.Select(e => ("PeerEntry", (Func<AmiPacket, AmiPacket>)(p => p
            .Add("Channeltype", "SIP")
            .Add("ObjectName", PeerOf(e))
            .Add("ChanObjectType", "peer")
            .Add("IPaddress", e.Registration?.Host ?? "-none-")
            .Add("IPport", e.Registration?.Port ?? 0)
            .Add("Dynamic", "yes")
            .Add("AutoForcerport", "no")
            .Add("Forcerport", "no")
            .Add("AutoComedia", "no")
            .Add("Comedia", "no")
            .Add("VideoSupport", "no")
            .Add("TextSupport", "no")
            .Add("ACL", "no")
            .Add("Status", e.Registration is { } reg ? string.Create(CultureInfo.InvariantCulture, $"OK ({reg.LatencyMs} ms)") : "UNKNOWN")
            .Add("RealtimeDevice", "no")
            .Add("Description", e.Config.Name)
            .Add("Accountcode", e.Config.AccountCode ?? "")))));
    }

    private static async Task PjsipShowEndpointsAsync(AmiRequest r)
    {
        var extensions = await r.Services.Pbx.ListExtensionsAsync(r.Tenant);
        r.SendList("A listing of Endpoints follows, presented as EndpointList events", "EndpointListComplete", extensions.Select(e => ("EndpointList", (Func<AmiPacket, AmiPacket>)(p => p
            .Add("ObjectType", "endpoint")
            .Add("ObjectName", PeerOf(e))
            .Add("Transport", "")
            .Add("Aor", PeerOf(e))
            .Add("Auths", PeerOf(e))
            .Add("OutboundAuths", "")
            .Add("Contacts", e.Registration is { } reg ? $"{PeerOf(e)}/{reg.Contact}," : "")
            .Add("DeviceState", e.Registration is null ? "Unavailable" : AmiQueueFields.StateText(e.DeviceState))
            .Add("ActiveChannels", e.Channels.Length == 0 ? "" : string.Join(',', e.Channels.Select(c => c.Name)))))));
    }

    /// <summary>The SIP peer name: the extension's SIP user, else its number (channels are named after it).</summary>
    private static string PeerOf(ExtensionView e) => e.Config.SipUser is { Length: > 0 } user ? user : e.Config.Number;
}
