namespace PbxGrains.Host.Scenarios.Documents;

/// <summary>
/// A scenario document as written (YAML or JSON, camelCase keys): everything nullable, so the validator can tell a
/// missing value from a given one. Sections added later (traffic, clock) become new properties here.
/// </summary>
public sealed class ScenarioDocument
{
    public string? Tenant { get; set; }

    public string? Name { get; set; }

    public int? Seed { get; set; }

    public string? Trunk { get; set; }

    public string? OutsidePrefix { get; set; }

    public List<OutsideRuleDocument>? OutsideWorld { get; set; }

    public List<ExtensionDocument>? Extensions { get; set; }

    public List<ExtensionGroupDocument>? ExtensionGroups { get; set; }

    public List<QueueDocument>? Queues { get; set; }

    public List<AgentDocument>? Agents { get; set; }

    public List<RingGroupDocument>? RingGroups { get; set; }

    public List<ParkingLotDocument>? Parking { get; set; }

    public List<TrafficDocument>? Traffic { get; set; }

    public ClockDocument? Clock { get; set; }

    /// <summary>Inbound number routing (DIDs, time filters, routes, flags, hot desks), vendor-neutral.</summary>
    public NumberRoutingDocument? NumberRouting { get; set; }

    /// <summary>The corporate directory: profiles, the phone inventory, and people listed on extensions.</summary>
    public DirectoryDocument? Directory { get; set; }

    /// <summary>Transport faults the tenant's surface requests meet from the start.</summary>
    public List<FaultDocument>? Faults { get; set; }

    /// <summary>Per-surface settings, stored for the surfaces and opaque to the call model.</summary>
    public Dictionary<string, Dictionary<string, string>>? Surfaces { get; set; }
}
