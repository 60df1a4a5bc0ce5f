namespace PbxGrains.Surfaces.VoipSun;

/// <summary>
/// The document's error codes and their reason texts, byte for byte (its spelling, its stray quotes and its
/// placeholders filled in as its examples show them).
/// </summary>
public static class VoipSunErrors
{
    public const string Unauthorized = "Unauthorized user or bad permissions";
    public const string UnknownAction = "Unknown action";
    public const string MissingParameters = "Missing required parameters";

    public const string SourceConflict = "Use only one of next variables: srcExtenPublicNum, srcExtenInternalNum, srcExtenId, srcSipUsername";
    public const string DialplanMissing = "Parameter dialPlanName missing";
    public const string ExtensionNotFound = "Extension not found";
    public const string DialplanNotFound = "Dialplan not found";
    public const string ChannelUnreachable = "SIP channel is unreacheable";
    public const string OutrouteNotFound = "Outroute not found!";

    public const string SpyDestinationConflict = "Use only one of next variables: dstExtenPublicNum, dstExtenInternalNum, dstExtenId, dstSipUsername, dstChannelName";
    public const string SpySourceDialplanMissing = "Source parameter srcDialplanName missing";
    public const string SpySourceNotFound = "Source extension not found";
    public const string SpySourceDialplanNotFound = "Source dialplan not found";
    public const string SpyDestinationDialplanMissing = "Destination parameter dstDialplanName missing";
    public const string SpyDestinationNotFound = "Destination extension not found";
    public const string SpyDestinationDialplanNotFound = "Destination dialplan not found";

    public const string ChannelNameEmpty = "Parameter channelName is empty";

    public const string AgentNotFound = "Agent not found, or bad authorization credentials!";
    public const string AgentLoginSourceConflict = "Use only one of next variables: srcExtenPublicNum, srcExtenInternalNum, srcExtenId, srcSipUsername.";

    public const string CdrNotFound = "CDR record not found!";
    public const string CdrWithoutRecording = "CDR not contain any information about audio record!";
    public const string FolderNotCreatable = "Destination folder does not exist and mkdir command failed. Please check parent folder permissions!'";

    /// <summary>The document's text for one of its fixed codes; for another code, a plain "Error N".</summary>
    public static string ReasonOf(int code) => code switch
    {
        100 => Unauthorized,
        110 => UnknownAction,
        120 => MissingParameters,
        202 or 503 => ExtensionNotFound,
        220 => ChannelUnreachable,
        250 => OutrouteNotFound,
        400 => ChannelNameEmpty,
        500 or 550 or 620 => AgentNotFound,
        800 => CdrNotFound,
        801 => CdrWithoutRecording,
        810 => FolderNotCreatable,
        _ => $"Error {code}",
    };

    public static string QueueNotFound(string queue) => $"Queue {queue} not found!";

    public static string SourceFileMissing(string file) => $"Source file ({file}) not exist or insufficient permissions to read them!";

    public static string CannotMove(string file) => $"Cannot move file to ({file}). Check destination folder permissions!";

    public static string HostMismatch(string device, string registeredFrom, string requested) =>
        $"SIP host IP address mismatch. Channel {device} is registered from IP {registeredFrom} but requested IP address is {requested}";

    public static string ContactMismatch(string device, string contactIp, string requested) =>
        $"SIP host contact IP address mismatch. Contact IP address of the channel {device} is {contactIp}, but requested IP address is {requested}";

    /// <summary>checkExten's codes 221–228 by Asterisk channel state (0 Down … 7 Busy), with Asterisk's own descriptions.</summary>
    public static (int Code, string Reason) ChannelStatus(int asteriskState) => asteriskState switch
    {
        1 => (221, "SIP channel status - Channel is down, but reservered"),
        2 => (222, "SIP channel status - Channel is off hook"),
        3 => (223, "SIP channel status - Digits (or equivalent) have been dialed"),
        4 => (224, "SIP channel status - Line is ringing"),
        5 => (225, "SIP channel status - Remote end is ringing"),
        6 => (226, "SIP channel status - Line is up"),
        7 => (227, "SIP channel status - Line is busy"),
        _ => (228, "SIP channel stauts - Channel is down and available"),
    };

    /// <summary>agentstatus's line texts (630–636 when the line is not free and the caller asked to check it).</summary>
    public const string LineFree = "Line is free";
    public const string LineInUse = "Line is In use";
    public const string LineBusy = "Line is busy";
    public const string LineUnavailable = "Line is unavailable";
    public const string LineRinging = "Line is ringing";
    public const string LineOnHold = "Line is On hold";
    public const string LineNotFree = "Line is not free";
}
