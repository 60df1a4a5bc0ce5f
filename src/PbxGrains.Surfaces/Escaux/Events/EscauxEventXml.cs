using System.Globalization;
using System.Security;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Events;
using PbxGrains.Abstractions.Model;
using PbxGrains.Surfaces.Formatting;

namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>
/// The call model's events as the SOP writes them on its event socket: one element per event, named <c>ev…</c>, each
/// child on its own line, as the document's examples of <c>evNewOrigChannel</c> and <c>evParked</c> show, and a line
/// break after the closing tag. The events the document names keep its children and their order exactly; the others
/// follow the same style (see the README, "Escaux event socket").
/// </summary>
public static class EscauxEventXml
{
    /// <summary>The XML events for one call-model event: none, one or two (a ringing originate leg is both new and ringing).</summary>
    public static IEnumerable<string> Render(CallEvent e)
    {
        var c = e.Channel;
        switch (e.Kind)
        {
            case CallEventKind.Ping:
                yield return Element("evPong");
                break;
            case CallEventKind.ChannelCreated when c is not null:
                if (e.Originating)
                {
                    yield return Element("evNewOrigChannel", ("Channel", c.Name), ("CallerId", c.CallerIdNumber), ("Extension", c.Exten));
                }

                if (c.State == ChannelState.Ringing && !c.IsHungUp)
                {
                    yield return Element("evRinging", ("Channel", c.Name), ("CallerId", c.CallerIdNumber), ("Extension", PartyOf(c)));
                }

                break;
            case CallEventKind.Answered when c is not null:
                yield return Element("evAnswered", ("Channel", c.Name), ("CallerId", c.CallerIdNumber), ("Extension", PartyOf(c)));
                break;
            case CallEventKind.Linked when c is not null:
                yield return Element("evLink", ("Channel", c.Name), ("Link", c.LinkedChannel ?? ""), ("CallerId", c.ConnectedLineNumber));
                break;
            case CallEventKind.Held when c is not null:
                yield return Element("evHold", ("Channel", c.Name));
                break;
            case CallEventKind.Unheld when c is not null:
                yield return Element("evUnhold", ("Channel", c.Name));
                break;
            case CallEventKind.Parked when c is not null:
                yield return Element("evParked", ("ParkSlot", Number(e.ParkedSlot)), ("Channel", c.Name));
                break;
            case CallEventKind.Unparked when c is not null:
                yield return Element("evUnparked", ("ParkSlot", Number(e.ParkedSlot)), ("Channel", c.Name));
                break;
            case CallEventKind.HungUp when c is not null:
                yield return Element("evHangup", ("Channel", c.Name), ("Cause", Number((int)(c.HangupCause ?? HangupCause.NormalClearing))));
                break;
            case CallEventKind.QueueJoined when c is not null:
                yield return Element("evQueueJoin", ("Queue", e.Queue ?? ""), ("Channel", c.Name), ("CallerId", c.CallerIdNumber), ("Position", Number(e.QueuePosition)));
                break;
            case CallEventKind.QueueLeft when c is not null:
                yield return Element("evQueueLeave", ("Queue", e.Queue ?? ""), ("Channel", c.Name), ("Reason", ReasonOf(e.QueueExit)),
                    ("Link", e.QueueExit == QueueExit.Answered ? c.LinkedChannel ?? "" : ""));
                break;
        }
    }

    /// <summary>The extension of a phone's leg, or the number a trunk leg dialled.</summary>
    private static string PartyOf(ChannelSnapshot c) => c.EndpointKind == EndpointKind.Extension ? c.Endpoint : c.Exten;

    private static string ReasonOf(QueueExit? exit) => exit switch
    {
        QueueExit.Answered => "answered",
        QueueExit.Transferred => "transferred",
        _ => "abandoned",
    };

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Element(string name, params (string Name, string Value)[] children)
    {
        var xml = new StringBuilder().Append('<').Append(name).Append(">\n");
        foreach (var (child, value) in children)
        {
            xml.Append('<').Append(child).Append('>').Append(SecurityElement.Escape(XmlText.Valid(value))).Append("</").Append(child).Append(">\n");
        }

        return xml.Append("</").Append(name).Append(">\n").ToString();
    }

    /// <summary>The answer to a tenant login line: <c>Result</c> 0, or 1 for a tenant that does not exist.</summary>
    public static string TenantAnswer(string tenant, bool ok) =>
        Element("evTenant", ("Tenant", tenant), ("Result", ok ? "0" : "1"));
}
