namespace PbxGrains.Grains.StateMachines;

/// <summary>
/// Asterisk extension patterns: a leading '_' makes X (0-9), Z (1-9), N (2-9), [a-b] ranges, '.' (one or more of
/// anything) and '!' (zero or more) special; without it the pattern is a literal number.
/// </summary>
public static class AsteriskPattern
{
    public static bool Matches(string pattern, string number)
    {
        if (!pattern.StartsWith('_'))
        {
            return string.Equals(pattern, number, StringComparison.Ordinal);
        }

        return Match(pattern.AsSpan(1), number.AsSpan());
    }

    /// <summary>A literal number, or '_' and at least one pattern character with brackets that open and close; no spaces.</summary>
    public static bool IsValid(string pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!pattern.StartsWith('_'))
        {
            return true;
        }

        var open = false;
        foreach (var c in pattern.AsSpan(1))
        {
            if (c == '[')
            {
                if (open)
                {
                    return false;
                }

                open = true;
            }
            else if (c == ']')
            {
                if (!open)
                {
                    return false;
                }

                open = false;
            }
        }

        return !open && pattern.Length > 1;
    }

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> number)
    {
        while (!pattern.IsEmpty)
        {
            var p = char.ToUpperInvariant(pattern[0]);
            switch (p)
            {
                case '.':
                    return !number.IsEmpty;
                case '!':
                    return true;
                case '[':
                    var close = pattern.IndexOf(']');
                    if (close < 0 || number.IsEmpty || !InSet(pattern[1..close], number[0]))
                    {
                        return false;
                    }

                    pattern = pattern[(close + 1)..];
                    number = number[1..];
                    continue;
            }

            if (number.IsEmpty)
            {
                return false;
            }

            var c = number[0];
            var ok = p switch
            {
                'X' => c is >= '0' and <= '9',
                'Z' => c is >= '1' and <= '9',
                'N' => c is >= '2' and <= '9',
                _ => char.ToUpperInvariant(c) == p,
            };
            if (!ok)
            {
                return false;
            }

            pattern = pattern[1..];
            number = number[1..];
        }

        return number.IsEmpty;
    }

    private static bool InSet(ReadOnlySpan<char> set, char c)
    {
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                if (c >= set[i] && c <= set[i + 2])
                {
                    return true;
                }

                i += 2;
            }
            else if (set[i] == c)
            {
                return true;
            }
        }

        return false;
    }
}
