namespace PbxGrains.Abstractions.Model;

/// <summary>Asterisk's own numbers and names of a hint's extension state, as its manager and the products built on it print them.</summary>
public static class DeviceStateNames
{
    /// <summary>
    /// Asterisk's extension state of a hint over one device: its number and <c>ast_extension_state2str</c> text
    /// (the manager's <c>ExtensionState</c> and <c>ExtensionStatus</c>; Issabel's <c>manager/extensionstate</c>).
    /// </summary>
    public static (int Status, string Text) AsteriskExtensionState(this DeviceState device) => device switch
    {
        DeviceState.NotInUse => (0, "Idle"),
        DeviceState.InUse => (1, "InUse"),
        DeviceState.Busy => (2, "Busy"),
        DeviceState.Unavailable or DeviceState.Invalid => (4, "Unavailable"),
        DeviceState.Ringing => (8, "Ringing"),
        DeviceState.RingInUse => (9, "InUse&Ringing"),
        DeviceState.OnHold => (16, "Hold"),
        _ => (-1, "Unknown"),
    };
}
