using System.Collections.Immutable;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// One packet a client sent: its <c>Key: Value</c> lines in the order written. Keys ignore case and the first of a
/// repeated key counts (Asterisk's <c>astman_get_header</c>), except for the keys read as lists (<c>Variable</c>).
/// </summary>
public sealed class AmiMessage(ImmutableArray<KeyValuePair<string, string>> headers)
{
    /// <summary>Asterisk's <c>AST_MAX_MANHEADERS</c>: further lines of a packet are dropped.</summary>
    public const int MaxHeaders = 128;

    public ImmutableArray<KeyValuePair<string, string>> Headers => headers;

    /// <summary>The first value of <paramref name="key"/>, or "" when the packet does not have it.</summary>
    public string this[string key]
    {
        get
        {
            foreach (var (name, value) in headers)
            {
                if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            return "";
        }
    }

    public string Action => this["Action"];

    public string ActionId => this["ActionID"];

    /// <summary>Every value of <paramref name="key"/>, in order (repeated <c>Variable:</c> lines, each maybe a comma-separated list).</summary>
    public IEnumerable<string> All(string key) =>
        headers.Where(h => string.Equals(h.Key, key, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    /// <summary>A header that means yes (Asterisk's <c>ast_true</c>).</summary>
    public bool IsTrue(string key) => this[key].Trim().ToLowerInvariant() is "yes" or "true" or "y" or "t" or "1" or "on";

    /// <summary>
    /// Parses one line of a packet: <c>Key: Value</c> (the space after the colon is optional; the value keeps the rest
    /// as written). A line without a colon is no header and is dropped, as Asterisk does.
    /// </summary>
    public static KeyValuePair<string, string>? ParseLine(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return null;
        }

        var value = line[(colon + 1)..];
        return new(line[..colon].Trim(), value.StartsWith(' ') ? value[1..] : value);
    }
}
