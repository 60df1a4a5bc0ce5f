namespace PbxGrains.Host.Scenarios.Documents;

public sealed class ExtensionDocument
{
    public string? Number { get; set; }

    public string? Name { get; set; }

    /// <summary>The caller id number of the calls the extension places, when not its own number (ExtensionConfig.CallerIdNumber).</summary>
    public string? CallerIdNumber { get; set; }

    public string? Tech { get; set; }

    public string? Secret { get; set; }

    public string? PublicNumber { get; set; }

    public string? SipUser { get; set; }

    public string? Dialplan { get; set; }

    public string? Profile { get; set; }

    public string? Status { get; set; }

    public Dictionary<string, string>? ProfileParameters { get; set; }

    public string? Pincode { get; set; }

    /// <summary>The numeric database id (ExtensionConfig.DatabaseId).</summary>
    public int? Id { get; set; }

    public int? RingTimer { get; set; }

    public string? AccountCode { get; set; }

    public bool? RecordCalls { get; set; }

    public List<string>? Devices { get; set; }

    public bool? Voicemail { get; set; }

    public Dictionary<string, string>? Settings { get; set; }

    public PhoneDocument? Phone { get; set; }

    public bool? Registered { get; set; }

    public RegistrationDocument? Registration { get; set; }
}

/// <summary>Many extensions at once: numbers <see cref="From"/> to <see cref="To"/>, all alike.</summary>
public sealed class ExtensionGroupDocument
{
    public int? From { get; set; }

    public int? To { get; set; }

    /// <summary>The name of each extension; <c>{n}</c> stands for its number.</summary>
    public string? NamePattern { get; set; }

    public string? Tech { get; set; }

    public string? Dialplan { get; set; }

    public string? Profile { get; set; }

    public int? RingTimer { get; set; }

    public string? AccountCode { get; set; }

    public bool? RecordCalls { get; set; }

    public bool? Voicemail { get; set; }

    public Dictionary<string, string>? Settings { get; set; }

    public PhoneDocument? Phone { get; set; }

    public bool? Registered { get; set; }

    public RegistrationDocument? Registration { get; set; }
}

public sealed class PhoneDocument
{
    public string? Mode { get; set; }

    public DistributionDocument? AnswerDelay { get; set; }

    public double? AnswerProbability { get; set; }

    public DistributionDocument? TalkTime { get; set; }
}

public sealed class RegistrationDocument
{
    public string? Host { get; set; }

    public int? Port { get; set; }

    public string? UserAgent { get; set; }

    public string? Contact { get; set; }

    public int? LatencyMs { get; set; }
}
