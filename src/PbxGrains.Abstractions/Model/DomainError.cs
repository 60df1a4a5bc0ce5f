namespace PbxGrains.Abstractions.Model;

/// <summary>
/// Why the call model refused a request. Surfaces translate these into each vendor's own error codes and texts;
/// the names are the domain's, never a vendor's.
/// </summary>
public enum DomainError
{
    None = 0,
    InvalidArgument,
    TenantNotFound,
    TenantAlreadyExists,
    ExtensionNotFound,
    ExtensionAlreadyExists,
    ExtensionUnregistered,
    ExtensionBusy,
    ExtensionDoNotDisturb,
    DestinationNotFound,
    ChannelNotFound,
    CallNotFound,
    CallEnded,
    IllegalTransition,
    ChannelNotRinging,
    ChannelNotUp,
    ChannelOnHold,
    ChannelNotOnHold,
    ChannelNotBridged,
    ParkingLotNotFound,
    ParkingSlotEmpty,
    ParkingSlotOccupied,
    ParkingLotFull,
    SpyOnSelf,
    SpyTargetNotUp,
    ChannelNotSpying,
    QueueNotFound,
    QueueFull,
    QueueMemberExists,
    QueueMemberNotFound,
    AgentNotFound,
    AgentAlreadyExists,
    AgentNotLoggedIn,
    AgentAlreadyLoggedIn,
    AgentWrongPin,
    AgentNotMember,
    AgentAlreadyMember,
    RingGroupNotFound,
    VariableNotFound,
    TrafficNotFound,

    /// <summary>The number is already taken by another kind of destination (an extension, queue or ring group).</summary>
    NumberInUse,

    /// <summary>No inbound number route, call route, time filter, feature flag, hot desk or template has the id.</summary>
    RoutingItemNotFound,

    /// <summary>The recording store has no such file (never recorded, deleted, or its folder could not be written).</summary>
    RecordingNotFound,

    /// <summary>A folder of the recording store does not exist and cannot be created there.</summary>
    FolderNotCreatable,

    /// <summary>The destination folder cannot be written, or another file already has the destination name.</summary>
    DestinationNotWritable,

    /// <summary>No fault rule of the tenant has the id given.</summary>
    FaultNotFound,
}
