namespace PbxGrains.Host.Hosting;

/// <summary>The <c>Orleans</c> configuration section. Clustering and storage providers are added here later.</summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "dev";

    public string ServiceId { get; set; } = "pbxgrains";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;
}
