using System.Globalization;

namespace PbxGrains.Load.Cli;

/// <summary>
/// The command line: <c>&lt;scenario&gt; [--name value | --flag] ...</c>. Every option a scenario reads is declared with
/// its default and help text, so an unknown or misspelt option is refused instead of being silently ignored.
/// </summary>
public sealed class LoadOptions
{
    private readonly Dictionary<string, string?> _given;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    private LoadOptions(string scenario, Dictionary<string, string?> given)
    {
        Scenario = scenario;
        _given = given;
    }

    public string Scenario { get; }

    public IReadOnlyList<string> Problems => _problems;

    /// <summary>Every option read so far with the value used: the report's parameter table.</summary>
    public SortedDictionary<string, string> Used { get; } = new(StringComparer.Ordinal);

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var given = new Dictionary<string, string?>(StringComparer.Ordinal);
        var named = args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal);
        var options = new LoadOptions(named ? args[0] : "help", given);
        for (var i = named ? 1 : 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
            {
                options._problems.Add($"unexpected argument '{arg}' (options are --name value)");
                continue;
            }

            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            given[name] = value;
        }

        return options;
    }

    public string Text(string name, string fallback, string help)
    {
        var value = Get(name, help) ?? fallback;
        Used[name] = value;
        return value;
    }

    public string? OptionalText(string name, string help)
    {
        var value = Get(name, help);
        if (value is not null)
        {
            Used[name] = value;
        }

        return value;
    }

    public bool Flag(string name, string help)
    {
        _read.Add(name);
        Help.TryAdd(name, help);
        if (!_given.TryGetValue(name, out var value))
        {
            return false;
        }

        var on = value is null || value is "true" or "1" or "yes";
        Used[name] = on ? "true" : "false";
        return on;
    }

    public double Number(string name, double fallback, double min, double max, string help)
    {
        var text = Get(name, help);
        var value = fallback;
        if (text is not null && (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || double.IsNaN(value)))
        {
            _problems.Add($"--{name}: '{text}' is not a number");
            value = fallback;
        }
        else if (value < min || value > max)
        {
            _problems.Add($"--{name}: must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}");
            value = Math.Clamp(value, min, max);
        }

        Used[name] = value.ToString(CultureInfo.InvariantCulture);
        return value;
    }

    public int Whole(string name, int fallback, int min, int max, string help)
    {
        var value = Number(name, fallback, min, max, help);
        if (value != Math.Floor(value))
        {
            _problems.Add($"--{name}: must be a whole number");
        }

        return (int)value;
    }

    public TimeSpan Seconds(string name, double fallback, double min, double max, string help) =>
        TimeSpan.FromSeconds(Number(name, fallback, min, max, help));

    /// <summary>Help texts of the options read, in the order read: what <c>--help</c> prints for a scenario.</summary>
    public Dictionary<string, string> Help { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds a problem for every option given that was read neither here nor by <paramref name="others"/> (the other
    /// scenarios of an <c>all</c> run): a typo, or an option of another scenario.
    /// </summary>
    public void RefuseUnread(IEnumerable<LoadOptions> others, string command)
    {
        var read = new HashSet<string>(_read, StringComparer.Ordinal);
        foreach (var other in others)
        {
            read.UnionWith(other._read);
        }

        foreach (var name in _given.Keys.Where(n => !read.Contains(n)).Order(StringComparer.Ordinal))
        {
            _problems.Add($"--{name}: unknown option for '{command}'");
        }
    }

    /// <summary>A problem a scenario found in its options (e.g. an unknown target name).</summary>
    public void Problem(string text) => _problems.Add(text);

    public bool Has(string name) => _given.ContainsKey(name);

    private string? Get(string name, string help)
    {
        _read.Add(name);
        Help.TryAdd(name, help);
        if (_given.TryGetValue(name, out var value))
        {
            if (value is null)
            {
                _problems.Add($"--{name}: needs a value");
            }

            return value;
        }

        return null;
    }
}
