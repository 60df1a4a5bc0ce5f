using System.Text;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// An event rendered once for every session that receives it: its name, its class (a session receives it only when its
/// event mask has the class) and its bytes on the wire.
/// </summary>
public sealed class AmiEvent
{
    public AmiEvent(string name, AmiPermission permission, AmiPacket packet)
    {
        Name = name;
        Permission = permission;
        Text = packet.ToString();
        Bytes = Encoding.UTF8.GetBytes(Text);
    }

    public string Name { get; }

    public AmiPermission Permission { get; }

    /// <summary>The packet as text, with its ending blank line (what filters are matched against).</summary>
    public string Text { get; }

    public byte[] Bytes { get; }

    public static AmiEvent Of(string name, AmiPermission permission, Func<AmiPacket, AmiPacket> fields) =>
        new(name, permission, fields(AmiPacket.Event(name, permission)));
}
