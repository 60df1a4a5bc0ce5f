namespace PbxGrains.Host.Scenarios.Documents;

/// <summary>
/// A fault of the tenant (README "Faults on demand"): <c>kind</c> and what it needs, which requests (transport faults)
/// or numbers (telephony faults) it matches, and when it fires. <c>delay</c> is a duration in seconds as elsewhere in a
/// scenario; <c>from</c> and <c>until</c> are simulated instants (ISO 8601), which make a list of faults a timeline of
/// incidents.
/// </summary>
public sealed class FaultDocument
{
    public string? Kind { get; set; }

    public string? Surface { get; set; }

    public string? Endpoint { get; set; }

    public string? Client { get; set; }

    public double? Probability { get; set; }

    public int? EveryNth { get; set; }

    public string? From { get; set; }

    public string? Until { get; set; }

    public int? Seed { get; set; }

    public bool? Paused { get; set; }

    public int? Status { get; set; }

    public int? RetryAfterSeconds { get; set; }

    public int? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public DistributionDocument? Delay { get; set; }

    public int? BytesPerSecond { get; set; }

    public int? AgeSeconds { get; set; }

    public double? Factor { get; set; }

    public string? Numbers { get; set; }

    public int? Cause { get; set; }
}
