namespace PbxGrains.Host.Scenarios.Documents;

/// <summary>A traffic generator as written in a scenario.</summary>
public sealed class TrafficDocument
{
    public string? Name { get; set; }

    /// <summary>inbound | outbound | internal.</summary>
    public string? Kind { get; set; }

    /// <summary>Inbound: the number dialled (queue number or name, DID, extension, ring group).</summary>
    public string? Target { get; set; }

    public double? CallsPerHour { get; set; }

    /// <summary>24 factors over the simulated day (UTC hours), multiplying the rate.</summary>
    public List<double>? HourlyProfile { get; set; }

    public DistributionDocument? Patience { get; set; }

    public DistributionDocument? TalkTime { get; set; }

    public List<string>? CallerIds { get; set; }

    public string? CallerIdPattern { get; set; }

    public List<string>? Sources { get; set; }

    public List<string>? Destinations { get; set; }

    public bool? Enabled { get; set; }

    public string? Trunk { get; set; }

    /// <summary>Calls placed at once when the generator starts.</summary>
    public int? InitialCalls { get; set; }

    /// <summary>The simulated instant of the first possible arrival (ISO 8601; UTC unless it says otherwise).</summary>
    public string? StartAt { get; set; }

    /// <summary>No arrival at or after this simulated instant (ISO 8601; UTC unless it says otherwise).</summary>
    public string? StopAt { get; set; }
}

/// <summary>The simulation clock the scenario wants.</summary>
public sealed class ClockDocument
{
    /// <summary>Simulated seconds per real second.</summary>
    public double? Speed { get; set; }
}
