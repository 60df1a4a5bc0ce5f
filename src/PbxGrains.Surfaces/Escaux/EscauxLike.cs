namespace PbxGrains.Surfaces.Escaux;

/// <summary>
/// dbGetDirectoryInfo's filters, SQL LIKE with <c>%</c> (any run) and <c>_</c> (one character), case-insensitive as the
/// product's database compares: by default a value matches when it contains the pattern; <c>wildcards=strict</c> matches
/// the whole value; <c>translate</c> is strict with <c>*</c> also standing for <c>%</c>.
/// </summary>
/// <remarks>
/// Matched by hand rather than by a regular expression: a backtracking engine took exponential time on many wildcards,
/// and the non-backtracking one refused (500) a filter of a few thousand characters, its automaton past its size limit,
/// and was built anew for every request. This matcher keeps only the pattern, and its work is bounded by the value,
/// not the filter: a pattern that needs more characters than a value has is refused before any matching, and runs of
/// <c>%</c> are one, so the pattern it walks is at most about twice the value's length.
/// </remarks>
public sealed class EscauxLike
{
    private const char AnyRun = '\uFFFF';
    private const char AnyOne = '\uFFFE';

    /// <summary>The pattern folded to upper case, with the two wildcards as noncharacters no request text holds after folding.</summary>
    private readonly char[] _pattern;

    /// <summary>How many characters a value needs at least: the literals and <c>_</c>s.</summary>
    private readonly int _required;

    private EscauxLike(char[] pattern, int required)
    {
        _pattern = pattern;
        _required = required;
    }

    /// <summary>The filter; a <paramref name="mode"/> other than strict or translate is the default (contains).</summary>
    public static EscauxLike Create(string pattern, string? mode)
    {
        var translate = string.Equals(mode, "translate", StringComparison.OrdinalIgnoreCase);
        var strict = translate || string.Equals(mode, "strict", StringComparison.OrdinalIgnoreCase);

        var compiled = new List<char>(pattern.Length + 2);
        var required = 0;
        void Add(char c)
        {
            if (c == AnyRun && compiled.Count > 0 && compiled[^1] == AnyRun)
            {
                return;
            }

            required += c == AnyRun ? 0 : 1;
            compiled.Add(c);
        }

        if (!strict)
        {
            Add(AnyRun);
        }

        foreach (var c in pattern)
        {
            Add(c switch
            {
                '%' => AnyRun,
                '_' => AnyOne,
                '*' when translate => AnyRun,
                // A noncharacter of the request would read as a wildcard: it stands for itself as a literal cannot.
                AnyRun or AnyOne => '\uFFFD',
                _ => char.ToUpperInvariant(c),
            });
        }

        if (!strict)
        {
            Add(AnyRun);
        }

        return new EscauxLike([.. compiled], required);
    }

    /// <summary>A null field (the database's NULL) matches no pattern.</summary>
    public bool Matches(string? value) => value is not null && value.Length >= _required && Like(value, _pattern);

    /// <summary>
    /// The classic wildcard walk: on a mismatch, go back to the last <c>%</c> and let it take one more character. Each
    /// <c>%</c> is revisited at most once per value position, so the work is at most value × pattern.
    /// </summary>
    private static bool Like(string value, char[] pattern)
    {
        int v = 0, p = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == AnyOne || (pattern[p] != AnyRun && pattern[p] == char.ToUpperInvariant(value[v]))))
            {
                v++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == AnyRun)
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == AnyRun)
        {
            p++;
        }

        return p == pattern.Length;
    }
}
