namespace PbxGrains.Load.Hosting;

/// <summary>Where the build put the host this suite was built with (same configuration): the default host to start.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class HostBuildAttribute(string path) : Attribute
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);
}
