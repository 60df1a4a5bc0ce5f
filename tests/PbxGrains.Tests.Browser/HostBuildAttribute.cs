namespace PbxGrains.Tests.Browser;

/// <summary>Where the build put the host this test project was built with (same configuration).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class HostBuildAttribute(string path) : Attribute
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
}
