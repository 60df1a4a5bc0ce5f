namespace PbxGrains.Grains.Catalogue.Rules;

/// <summary>One problem of a definition: the field by its path (<c>queues[2].members[0].penalty</c>) and why.</summary>
public sealed record class FieldProblem(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>
/// The problems found so far, at most one per path: a value that failed to read is not reported again as invalid, and
/// the first reason given for a field is the one kept.
/// </summary>
public sealed class FieldProblems
{
    private readonly List<FieldProblem> _all = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public IReadOnlyList<FieldProblem> All => _all;

    public bool Any => _all.Count > 0;

    public void Add(string path, string message)
    {
        if (_paths.Add(path))
        {
            _all.Add(new FieldProblem(path, message));
        }
    }

    public bool Has(string path) => _paths.Contains(path);

    /// <summary>Every problem on one line, as the detail of a refused change.</summary>
    public override string ToString() => string.Join("; ", _all);

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";
}
