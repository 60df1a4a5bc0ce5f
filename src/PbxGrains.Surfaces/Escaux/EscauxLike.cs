using System.Text;
using System.Text.RegularExpressions;

namespace PbxGrains.Surfaces.Escaux;

/// <summary>
/// dbGetDirectoryInfo's filters, SQL LIKE with <c>%</c> (any run) and <c>_</c> (one character), case-insensitive as the
/// product's database compares: by default a value matches when it contains the pattern; <c>wildcards=strict</c> matches
/// the whole value; <c>translate</c> is strict with <c>*</c> also standing for <c>%</c>.
/// </summary>
public sealed class EscauxLike
{
    private readonly Regex _regex;

    private EscauxLike(Regex regex) => _regex = regex;

    /// <summary>The filter; a <paramref name="mode"/> other than strict or translate is the default (contains).</summary>
    public static EscauxLike Create(string pattern, string? mode)
    {
        var translate = string.Equals(mode, "translate", StringComparison.OrdinalIgnoreCase);
        var strict = translate || string.Equals(mode, "strict", StringComparison.OrdinalIgnoreCase);

        var regex = new StringBuilder("^");
        if (!strict)
        {
            regex.Append(".*");
        }

        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '%' => ".*",
                '_' => ".",
                '*' when translate => ".*",
                _ => Regex.Escape(c.ToString()),
            });
        }

        if (!strict)
        {
            regex.Append(".*");
        }

        regex.Append('$');
        // Non-backtracking: a pattern of many wildcards (%a%a%a…%b) against a long value takes exponential time in a
        // backtracking engine, which hit the timeout and made the request fail; this engine is linear in the value.
        const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;
        return new EscauxLike(new Regex(regex.ToString(), Options, TimeSpan.FromMilliseconds(100)));
    }

    /// <summary>A null field (the database's NULL) matches no pattern.</summary>
    public bool Matches(string? value) => value is not null && _regex.IsMatch(value);
}
