using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PbxGrains.Abstractions.Interfaces;

namespace PbxGrains.Tests.Distributed;

/// <summary>
/// The layering the README promises, checked on the repository itself: contracts apart from the runtime, surfaces that
/// cannot reach the grains, one interface a file, and an image that restores every project the host needs.
/// </summary>
public sealed partial class RepositoryLayoutTests
{
    private static readonly string Repository = RepositoryLayoutAttribute.Current.Repository;

    [Theory]
    [InlineData("PbxGrains.Abstractions")]
    [InlineData("PbxGrains.Client", "PbxGrains.Abstractions")]
    [InlineData("PbxGrains.Surfaces", "PbxGrains.Abstractions", "PbxGrains.Client")]
    public void A_project_below_the_grains_references_only_the_layers_beneath_it(string project, params string[] allowed) =>
        Assert.Equal(allowed.Order(StringComparer.Ordinal), ProjectReferences(project).Order(StringComparer.Ordinal));

    [Fact]
    public void Abstractions_holds_contracts_only()
    {
        // Interfaces, enums, records and static helpers (ids, keys, small pure rules); no class that does work at run time.
        // Orleans' generated serializers and proxies for those contracts are public in a namespace of their own.
        var runtime = typeof(ITenantGrain).Assembly.GetExportedTypes()
            .Where(t => t.Namespace?.StartsWith("OrleansCodeGen", StringComparison.Ordinal) != true)
            .Where(t => !t.IsInterface && !t.IsEnum && !(t.IsAbstract && t.IsSealed) && !IsRecord(t) && !typeof(Attribute).IsAssignableFrom(t))
            .Select(t => t.FullName);
        Assert.Empty(runtime);
    }

    [Fact]
    public void Every_source_file_declares_at_most_one_interface()
    {
        var crowded = SourceFiles()
            .Where(f => InterfaceDeclaration().Matches(File.ReadAllText(f)).Count > 1)
            .Select(f => Path.GetRelativePath(Repository, f));
        Assert.Empty(crowded);
    }

    [Fact]
    public void The_Dockerfile_restores_every_project_of_src()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repository, "Dockerfile"));
        var missing = Directory.EnumerateFiles(Path.Combine(Repository, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Repository, p).Replace('\\', '/'))
            .Where(p => !dockerfile.Contains($"COPY {p} {Path.GetDirectoryName(p)!.Replace('\\', '/')}/", StringComparison.Ordinal));
        Assert.Empty(missing);
    }

    private static IEnumerable<string> ProjectReferences(string project)
    {
        var file = Path.Combine(Repository, "src", project, $"{project}.csproj");
        return XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));
    }

    private static IEnumerable<string> SourceFiles() =>
        new[] { "src", "tests", "load" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repository, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    // A record has the compiler's clone method; a record struct its PrintMembers.
    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic) is { } print && print.IsDefined(typeof(CompilerGeneratedAttribute)));

    [GeneratedRegex(@"^(?:public |internal )?(?:partial )?interface \w+", RegexOptions.Multiline)]
    private static partial Regex InterfaceDeclaration();
}
