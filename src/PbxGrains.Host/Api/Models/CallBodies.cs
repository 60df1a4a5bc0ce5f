using PbxGrains.Abstractions.Model;

namespace PbxGrains.Host.Api.Models;

/// <summary>A phone dials: <see cref="From"/> is the extension, <see cref="To"/> any number.</summary>
public sealed record class DialBody(string From, string To, string? AccountCode = null, int? RingTimeout = null);

/// <summary>
/// Click-to-call: ring <see cref="Source"/>, then dial <see cref="Destination"/>. The caller id is what the source
/// phone shows while it rings; the destination sees the source extension unless <see cref="DestinationCallerIdNumber"/> says otherwise.
/// </summary>
public sealed record class OriginateBody(
    string Source,
    string Destination,
    string? CallerIdNumber = null,
    string? CallerIdName = null,
    string? DestinationCallerIdNumber = null,
    string? DestinationCallerIdName = null,
    string? AccountCode = null,
    string? Context = null,
    Dictionary<string, string>? Variables = null,
    Dictionary<string, string>? CustomFields = null,
    string? RecordingFile = null,
    int? SourceRingTimeout = null,
    int? DestinationRingTimeout = null,
    bool RequireSourceAvailable = false);

/// <summary>A call from outside on a trunk (the tenant's trunk unless given).</summary>
public sealed record class InboundBody(
    string CallerId,
    string Destination,
    string? CallerName = null,
    string? Trunk = null,
    double? Patience = null,
    double? TalkTime = null,
    string? AccountCode = null,
    Dictionary<string, string>? Variables = null);

public sealed record class SpyBody(string SpyExtension, string TargetChannel, SpyMode Mode = SpyMode.Listen);
