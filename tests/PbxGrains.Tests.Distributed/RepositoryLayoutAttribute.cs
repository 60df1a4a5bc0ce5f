namespace PbxGrains.Tests.Distributed;

/// <summary>Where the build put the host this test project was built with, and where the repository is (for the chart).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class RepositoryLayoutAttribute(string host, string repository) : Attribute
{
    public string Host { get; } = Path.GetFullPath(host);

    public string Repository { get; } = Path.GetFullPath(repository);

    public static RepositoryLayoutAttribute Current =>
        (RepositoryLayoutAttribute)Attribute.GetCustomAttribute(typeof(RepositoryLayoutAttribute).Assembly, typeof(RepositoryLayoutAttribute))!;
}
