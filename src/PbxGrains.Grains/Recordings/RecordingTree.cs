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
}
