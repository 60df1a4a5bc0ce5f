using System.Collections.Immutable;

namespace PbxGrains.Grains.Recordings;

/// <summary>The rules of the simulated file tree: which folders exist from the start and where the PBX may write.</summary>
public static class RecordingTree
{
    /// <summary>Folders every tenant's tree has.</summary>
    public static readonly ImmutableHashSet<string> Skeleton = ImmutableHashSet.Create(
        StringComparer.Ordinal, "/", "/etc", "/usr", "/proc", "/var", "/var/spool", "/var/spool/asterisk", "/var/spool/asterisk/monitor", "/mnt", "/tmp");

    private static readonly string[] WritableRoots = ["/var/spool/asterisk", "/mnt", "/tmp"];

    public static bool IsWritable(string folder) =>
        WritableRoots.Any(root => folder == root || folder.StartsWith(root + "/", StringComparison.Ordinal));

    public static bool Exists(ImmutableHashSet<string> created, string folder) => Skeleton.Contains(folder) || created.Contains(folder);

    /// <summary>
    /// The created folders once <paramref name="folder"/> exists (as <c>mkdir -p</c>), or null when it is missing and
    /// its nearest existing ancestor cannot be written.
    /// </summary>
    public static ImmutableHashSet<string>? Create(ImmutableHashSet<string> created, string folder)
    {
        var missing = new List<string>();
        var at = folder;
        while (!Exists(created, at))
        {
            missing.Add(at);
            at = Abstractions.Contracts.RecordingPaths.Parent(at)!;
        }

        return missing.Count == 0 ? created : IsWritable(at) ? created.Union(missing) : null;
    }
}
