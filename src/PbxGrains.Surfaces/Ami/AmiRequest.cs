namespace PbxGrains.Surfaces.Ami;

/// <summary>One action being answered: the packet, the connection it came on, and Asterisk's ways to answer it.</summary>
public sealed class AmiRequest(AmiConnection connection, AmiMessage message)
{
    public AmiMessage Message => message;

    public AmiConnection Connection => connection;

    public AmiSession Session => connection.Session;

    public AmiServices Services => connection.Services;

    public string Tenant => connection.Session.Tenant;

    public string ActionId => message.ActionId;

    /// <summary>The response given (<c>Success</c>, <c>Error</c>, <c>Goodbye</c>, <c>Fault</c> for an injected one that gave none), for the metrics.</summary>
    public string Outcome { get; private set; } = "Success";

    /// <summary>An injected fault answered the action without a response (none, or a connection dropped).</summary>
    public void Faulted() => Outcome = "Fault";

    /// <summary><c>Response: Success</c> and the ActionID, for an answer with more headers (Asterisk's <c>astman_start_ack</c>).</summary>
    public AmiPacket Start(string response = "Success")
    {
        Outcome = response;
        return AmiPacket.Response(response, ActionId);
    }

    /// <summary>Asterisk's <c>astman_send_ack</c>: <c>Response: Success</c> and an optional message.</summary>
    public void Success(string? text = null) => Answer("Success", text);

    /// <summary>Asterisk's <c>astman_send_error</c>.</summary>
    public void Error(string text) => Answer("Error", text);

    public void Answer(string response, string? text)
    {
        var packet = Start(response);
        Send(text is null ? packet : packet.Add("Message", text));
    }

    public void Send(AmiPacket packet) => connection.Send(packet);

    /// <summary>
    /// An event list (Asterisk's <c>astman_send_listack</c> … <c>astman_send_list_complete</c>): the acknowledgement with
    /// <c>EventList: start</c>, the items (each with the ActionID), and <paramref name="complete"/> with
    /// <c>EventList: Complete</c> and <c>ListItems</c>.
    /// </summary>
    public void SendList(string text, string complete, IEnumerable<(string Event, Func<AmiPacket, AmiPacket> Fields)> items, Func<AmiPacket, AmiPacket>? completeFields = null)
    {
        Send(Start().Add("EventList", "start").Add("Message", text));
        var count = 0;
        foreach (var (name, fields) in items)
        {
            Send(fields(ListEvent(name)));
            count++;
        }

        var end = ListEvent(complete).Add("EventList", "Complete").Add("ListItems", count);
        Send(completeFields is null ? end : completeFields(end));
    }

    /// <summary>An item of an event list: <c>Event:</c> and the ActionID, without <c>Privilege:</c> (Asterisk appends them to the answer).</summary>
    public AmiPacket ListEvent(string name)
    {
        var packet = new AmiPacket().Add("Event", name);
        return ActionId.Length > 0 ? packet.Add("ActionID", ActionId) : packet;
    }
}
