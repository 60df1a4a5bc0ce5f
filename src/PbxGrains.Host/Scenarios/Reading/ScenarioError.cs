namespace PbxGrains.Host.Scenarios.Reading;

/// <summary>One problem of a scenario document: the field path (e.g. <c>extensions[2].phone.mode</c>) and why.</summary>
public sealed record class ScenarioError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>The problems found so far; at most one per path, so a value that failed to read is not also "missing".</summary>
public sealed class ScenarioErrors
{
    private readonly List<ScenarioError> _errors = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public IReadOnlyList<ScenarioError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string path, string message)
    {
        if (_paths.Add(path))
        {
            _errors.Add(new ScenarioError(path, message));
        }
    }

    public bool Has(string path) => _paths.Contains(path);

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static string Item(string path, int index) => $"{path}[{index}]";
}
