namespace PbxGrains.Grains.Recordings;

/// <summary>
/// Bounds of a tenant's recording store (configuration section <c>Recordings</c>). A simulated PBX records for as long as
/// it runs, and the store is one grain state per tenant written whole on every change, so it keeps the newest files
/// only: past <see cref="MaxFilesPerTenant"/>, the oldest file (by creation time) is removed as a new one is added,
/// like a disk whose old recordings a cleanup job deletes.
/// </summary>
public sealed class RecordingStoreOptions
{
    public const string SectionName = "Recordings";

    public const int DefaultMaxFilesPerTenant = 100_000;

    /// <summary>How many files a tenant's store keeps at most (at least 1).</summary>
    public int MaxFilesPerTenant { get; set; } = DefaultMaxFilesPerTenant;
}
