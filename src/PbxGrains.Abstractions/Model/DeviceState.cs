namespace PbxGrains.Abstractions.Model;

/// <summary>Asterisk device states with Asterisk's numbers (ast_device_state).</summary>
public enum DeviceState
{
    Unknown = 0,
    NotInUse = 1,
    InUse = 2,
    Busy = 3,
    Invalid = 4,
    Unavailable = 5,
    Ringing = 6,
    RingInUse = 7,
    OnHold = 8,
}
