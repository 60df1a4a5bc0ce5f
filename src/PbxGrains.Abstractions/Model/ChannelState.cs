namespace PbxGrains.Abstractions.Model;

/// <summary>Asterisk channel states (the numbers are Asterisk's own, so surfaces can print them).</summary>
public enum ChannelState
{
    Down = 0,

    /// <summary>The calling side: it has dialled and hears ringback.</summary>
    Ring = 4,

    /// <summary>The called side: its phone is alerting.</summary>
    Ringing = 5,
    Up = 6,
    Busy = 7,
}
