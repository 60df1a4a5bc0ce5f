using System.Collections.Immutable;

namespace PbxGrains.Abstractions.Contracts;

/// <summary>The configuration of an extension (a line and its device). Durable.</summary>
[GenerateSerializer, Immutable, Alias("pbx.extension-config")]
public sealed record class ExtensionConfig
{
    [Id(0)] public required string Number { get; init; }

    [Id(1)] public string Name { get; init; } = "";

    /// <summary>The channel technology: SIP, PJSIP, IAX2.</summary>
    [Id(2)] public string Tech { get; init; } = "SIP";

    [Id(3)] public string Secret { get; init; } = "";

    /// <summary>The public number (DID) that reaches this extension from outside.</summary>
    [Id(4)] public string? PublicNumber { get; init; }

    /// <summary>The SIP peer/user name; channel names are built from it. Defaults to the number.</summary>
    [Id(5)] public string? SipUser { get; init; }

    /// <summary>The dialplan (context) the extension belongs to.</summary>
    [Id(6)] public string Dialplan { get; init; } = "default";

    [Id(7)] public string? Profile { get; init; }

    [Id(8)] public string? Status { get; init; }

    [Id(9)] public ImmutableDictionary<string, string> ProfileParameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    [Id(10)] public string? Pincode { get; init; }

    /// <summary>A numeric database id, as PBX databases give their extension rows.</summary>
    [Id(11)] public int? DatabaseId { get; init; }

    /// <summary>How long a call to this extension rings before it counts as unanswered.</summary>
    [Id(12)] public int RingTimerSeconds { get; init; } = 30;

    [Id(13)] public PhoneBehaviour Phone { get; init; } = PhoneBehaviour.ManualPhone;

    [Id(14)] public string? AccountCode { get; init; }

    /// <summary>Record every call of this extension.</summary>
    [Id(15)] public bool RecordCalls { get; init; }

    /// <summary>Ids of the physical or soft phones attached to the line.</summary>
    [Id(16)] public ImmutableArray<string> DeviceIds { get; init; } = [];

    [Id(17)] public bool Voicemail { get; init; }

    /// <summary>Settings that the call model stores and returns but does not act on (vendor-specific extras).</summary>
    [Id(18)] public ImmutableDictionary<string, string> Settings { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// The caller id number the calls this extension places present, when it is not the extension's own number (a
    /// shared or outbound identity, e.g. the supervisor 5011 calling as 5007); null or empty for the number itself.
    /// </summary>
    [Id(19)] public string? CallerIdNumber { get; init; }

    /// <summary>The directory entry of the person behind the line; null for a line nobody is listed on.</summary>
    /// <remarks>The first of <see cref="DeviceIds"/> is the person's primary phone, the second the secondary one.</remarks>
    [Id(20)] public PersonDetails? Person { get; init; }

    public string Peer => string.IsNullOrEmpty(SipUser) ? Number : SipUser;

    /// <summary>The device (interface) name, e.g. <c>SIP/4002</c>.</summary>
    public string Device => $"{Tech}/{Peer}";

    public string CallerIdName => string.IsNullOrEmpty(Name) ? Number : Name;

    /// <summary>The caller id number of the legs this extension places: <see cref="CallerIdNumber"/>, else its number.</summary>
    public string OutboundCallerIdNumber => string.IsNullOrEmpty(CallerIdNumber) ? Number : CallerIdNumber;
}

/// <summary>Where a registered phone is: the data of its last REGISTER.</summary>
[GenerateSerializer, Immutable, Alias("pbx.registration")]
public sealed record class Registration(
    [property: Id(0)] string Host,
    [property: Id(1)] int Port,
    [property: Id(2)] string UserAgent,
    [property: Id(3)] string Contact,
    [property: Id(4)] DateTimeOffset RegisteredAt,
    [property: Id(5)] int LatencyMs = 0);
