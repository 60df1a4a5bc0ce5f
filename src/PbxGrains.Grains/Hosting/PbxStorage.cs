namespace PbxGrains.Grains.Hosting;

public static class PbxStorage
{
    /// <summary>The grain storage provider every durable grain uses; the host decides what stands behind it.</summary>
    public const string Name = "pbx";
}
