namespace PbxGrains.Abstractions.Contracts;

/// <summary>
/// One recorded file in a tenant's recording store: where it is now, and the call and file name it was recorded as
/// (what the call's CDR names), so it can be found again after it has been moved or renamed.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.recording-file")]
public sealed record class RecordingFile
{
    /// <summary>The unique id of the call that recorded it (its CDR's unique id).</summary>
    [Id(0)] public required string CallId { get; init; }

    /// <summary>The absolute folder it is in, without a trailing slash (<c>/</c> for the root).</summary>
    [Id(1)] public required string Folder { get; init; }

    [Id(2)] public required string Name { get; init; }

    /// <summary>The file name or path the call recorded into, as its channel and CDR name it.</summary>
    [Id(3)] public required string RecordedAs { get; init; }

    /// <summary>The channel that was recorded.</summary>
    [Id(4)] public string Channel { get; init; } = "";

    [Id(5)] public DateTimeOffset Created { get; init; }

    public string Path => RecordingPaths.Combine(Folder, Name);
}

/// <summary>
/// A file as a tenant's recording store keeps it: with its position, the order the store was given its files in
/// (oldest first, counting from 0), which also names the segment it is kept in.
/// </summary>
[GenerateSerializer, Immutable, Alias("pbx.recording-entry")]
public sealed record class RecordingEntry
{
    [Id(0)] public long Position { get; init; }

    [Id(1)] public required RecordingFile File { get; init; }
}

/// <summary>Where the recording a call made under a name is kept: the file's position in its store.</summary>
[GenerateSerializer, Immutable, Alias("pbx.recording-index-entry")]
public sealed record class RecordingIndexEntry
{
    [Id(0)] public required string CallId { get; init; }

    [Id(1)] public required string RecordedAs { get; init; }

    [Id(2)] public long Position { get; init; }
}

/// <summary>What a recording store's tree knows of one path: the position of the file there, and whether it is a folder.</summary>
[GenerateSerializer, Immutable, Alias("pbx.recording-path")]
public sealed record class RecordingPathInfo
{
    [Id(0)] public long? File { get; init; }

    [Id(1)] public bool Folder { get; init; }
}

/// <summary>
/// Paths of the simulated recording file tree. A recording named without a folder goes into
/// <see cref="DefaultFolder"/>; a relative folder is taken from there too.
/// </summary>
public static class RecordingPaths
{
    public const string DefaultFolder = "/var/spool/asterisk/monitor";

    public static string Combine(string folder, string name) => folder == "/" ? "/" + name : folder + "/" + name;

    /// <summary>
    /// The longest folder path a request may name, as Linux's PATH_MAX less room for a file name. A path of 8,000
    /// segments added 183 MB to a tenant's durable store and slowed every later move of that tenant.
    /// </summary>
    public const int MaxFolderLength = 3840;

    /// <summary>The most folders a path may nest, far past any real recording layout (the default is four deep).</summary>
    public const int MaxFolderDepth = 32;

    /// <summary>
    /// An absolute folder without <c>.</c>, <c>..</c>, empty segments or a trailing slash; null when it leaves the root,
    /// is longer than <see cref="MaxFolderLength"/> or deeper than <see cref="MaxFolderDepth"/>, or has a segment that
    /// is not a file name (longer than 255, control characters): a folder that could not be created.
    /// </summary>
    public static string? NormalizeFolder(string folder)
    {
        if (folder.Length > MaxFolderLength)
        {
            return null;
        }

        var absolute = folder.StartsWith('/') ? folder : DefaultFolder + "/" + folder;
        var parts = new List<string>();
        foreach (var part in absolute.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            if (!IsFileName(part))
            {
                return null;
            }

            parts.Add(part);
            if (parts.Count > MaxFolderDepth)
            {
                return null;
            }
        }

        var normal = "/" + string.Join('/', parts);
        return normal.Length <= MaxFolderLength ? normal : null;
    }

    /// <summary>A plain file name: not empty, no slash, not <c>.</c> or <c>..</c>, no control characters.</summary>
    public static bool IsFileName(string name) =>
        name.Length is > 0 and <= 255 && name is not ("." or "..") && !name.Contains('/') && !name.Any(char.IsControl);

    /// <summary>Splits a recorded file (a bare name or a path) into its normalized folder and name; null when unusable.</summary>
    public static (string Folder, string Name)? Split(string file)
    {
        var slash = file.LastIndexOf('/');
        var name = slash < 0 ? file : file[(slash + 1)..];
        var folder = slash < 0 ? DefaultFolder : NormalizeFolder(slash == 0 ? "/" : file[..slash]);
        return folder is not null && IsFileName(name) ? (folder, name) : null;
    }

    /// <summary>The parent of an absolute normalized folder; null for the root.</summary>
    public static string? Parent(string folder)
    {
        if (folder == "/")
        {
            return null;
        }

        var slash = folder.LastIndexOf('/');
        return slash == 0 ? "/" : folder[..slash];
    }
}
