using System.Globalization;
using System.Text;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// A packet the server writes: <c>Key: Value</c> lines ending with CRLF and a blank line after the last. Values are
/// written on one line: a line break in a value (a caller name, a variable) would start a new header in the client.
/// </summary>
public sealed class AmiPacket
{
    private readonly StringBuilder _text = new(256);

    /// <summary>A response: <c>Response:</c> first, then the <c>ActionID</c> when the action had one.</summary>
    public static AmiPacket Response(string response, string actionId)
    {
        var packet = new AmiPacket().Add("Response", response);
        return actionId.Length > 0 ? packet.Add("ActionID", actionId) : packet;
    }

    /// <summary>An event: <c>Event:</c> and <c>Privilege:</c> (its class, then <c>all</c>) first.</summary>
    public static AmiPacket Event(string name, AmiPermission privilege) =>
        new AmiPacket().Add("Event", name).Add("Privilege", AmiPermissions.Privilege(privilege));

    public AmiPacket Add(string key, string? value)
    {
        _text.Append(key).Append(": ");
        foreach (var c in value ?? "")
        {
            _text.Append(c is '\r' or '\n' ? ' ' : c);
        }

        _text.Append("\r\n");
        return this;
    }

    public AmiPacket Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds the headers of <paramref name="block"/>, in order.</summary>
    public AmiPacket Add(IEnumerable<KeyValuePair<string, string>> block)
    {
        foreach (var (key, value) in block)
        {
            Add(key, value);
        }

        return this;
    }

    /// <summary>The packet's text, with the blank line that ends it.</summary>
    public override string ToString() => _text.ToString() + "\r\n";

    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());
}
