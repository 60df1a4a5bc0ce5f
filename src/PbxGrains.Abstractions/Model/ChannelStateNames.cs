namespace PbxGrains.Abstractions.Model;

/// <summary>Asterisk's own names of channel states, as its manager and the products built on it print them.</summary>
public static class ChannelStateNames
{
    /// <summary>
    /// Asterisk's <c>ast_state2str</c>. The numbers the call model does not use (1–3, 8, 9) are named too, because a
    /// state is printed by its Asterisk number and a surface must never print a state Asterisk would not.
    /// </summary>
    public static string AsteriskName(this ChannelState state) => (int)state switch
    {
        0 => "Down",
        1 => "Rsrvd",
        2 => "OffHook",
        3 => "Dialing",
        4 => "Ring",
        5 => "Ringing",
        6 => "Up",
        7 => "Busy",
        8 => "Dialing Offhook",
        9 => "Pre-ring",
        _ => "Unknown",
    };
}
