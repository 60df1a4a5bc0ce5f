using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PbxGrains.Host.Scenarios.Reading;

/// <summary>
/// Reads a YAML text into a <see cref="DocNode"/> tree from the parser's events, so that quoting is kept (a quoted
/// <c>"true"</c> is text), duplicate keys reach the binder, and anchors, aliases and <c>&lt;&lt;</c> merges work.
/// </summary>
public static partial class YamlDocReader
{
    private const string MergeKey = "<<";

    /// <summary>
    /// As deep as the JSON reader goes. The reader recurses per level, so a request of nested brackets
    /// (<c>x: [[[[…</c>) would otherwise overflow the stack and take the whole process down.
    /// </summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// How many values a document may stand for once its aliases are expanded. An alias costs nothing to read (it is
    /// the anchored node again), but the binder visits it whole at every use: three nested aliases in 2.8 kB stood for
    /// 27 million values (3.6 s, +400 MB). The largest tenant, 10 000 listed extensions of a dozen fields, is a tenth
    /// of this.
    /// </summary>
    public const long MaxExpandedValues = 1_000_000;

    /// <exception cref="ScenarioSyntaxException">The text is not YAML, or holds more than one document.</exception>
    public static DocNode Read(string text)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return DocScalar.Null;
            }

            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, Sized>(StringComparer.Ordinal);
            var root = ReadNode(parser, anchors, depth: 0).Node;
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                throw new ScenarioSyntaxException("A scenario file holds one YAML document; found more than one.");
            }

            return root;
        }
        catch (YamlException e)
        {
            throw new ScenarioSyntaxException($"YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
    }

    /// <summary>A node and how many values it stands for with its aliases expanded (itself and everything under it).</summary>
    private readonly record struct Sized(DocNode Node, long Values);

    private static Sized ReadNode(IParser parser, Dictionary<string, Sized> anchors, int depth)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw new YamlException(alias.Start, alias.End, $"Unknown alias '*{alias.Value.Value}'.");
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return Remember(scalar, new Sized(ToScalar(scalar), 1), anchors);
        }

        if (depth >= MaxDepth && parser.Current is { } nested)
        {
            throw new YamlException(nested.Start, nested.End, $"Nesting deeper than {MaxDepth} levels.");
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<DocNode>();
            long values = 1;
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var item = ReadNode(parser, anchors, depth + 1);
                items.Add(item.Node);
                values = Count(values, item.Values, sequenceStart);
            }

            return Remember(sequenceStart, new Sized(new DocList(items), values), anchors);
        }

        var mappingStart = parser.Consume<MappingStart>();
        var entries = new List<DocEntry>();
        var merged = new List<DocEntry>();
        long size = 1;
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Consume<Scalar>();
            var value = ReadNode(parser, anchors, depth + 1);
            // A merge counts whole as well: its entries are copied into this map.
            size = Count(size, value.Values, key);
            if (key.Value == MergeKey && key.Style == ScalarStyle.Plain)
            {
                merged.AddRange(MergeSources(value.Node, key));
            }
            else
            {
                entries.Add(new DocEntry(key.Value, value.Node));
            }
        }

        // YAML merge keys: a key written in the map wins over a merged one, and an earlier merge source over a later one.
        var keys = entries.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        entries.AddRange(merged.Where(e => keys.Add(e.Key)));
        return Remember(mappingStart, new Sized(new DocMap(entries), size), anchors);
    }

    /// <summary>Adds a child's values to its parent's, refusing the document as soon as one node stands for too many.</summary>
    private static long Count(long values, long child, ParsingEvent at)
    {
        var total = values + child;
        return total <= MaxExpandedValues
            ? total
            : throw new YamlException(at.Start, at.End, $"The document stands for more than {MaxExpandedValues} values once its aliases are expanded.");
    }

    private static IEnumerable<DocEntry> MergeSources(DocNode value, Scalar key) => value switch
    {
        DocMap map => map.Entries,
        DocList list when list.Items.All(i => i is DocMap) => list.Items.Cast<DocMap>().SelectMany(m => m.Entries),
        _ => throw new YamlException(key.Start, key.End, "A merge key (<<) takes a map or a list of maps."),
    };

    private static Sized Remember(NodeEvent node, Sized value, Dictionary<string, Sized> anchors)
    {
        if (!node.Anchor.IsEmpty)
        {
            anchors[node.Anchor.Value] = value;
        }

        return value;
    }

    /// <summary>YAML 1.2 core schema for plain scalars; anything quoted or explicitly tagged is text.</summary>
    private static DocScalar ToScalar(Scalar scalar)
    {
        if (scalar.Style != ScalarStyle.Plain || !scalar.Tag.IsEmpty)
        {
            return new DocScalar(scalar.Value, ScalarKind.String);
        }

        return scalar.Value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => DocScalar.Null,
            "true" or "True" or "TRUE" => new DocScalar("true", ScalarKind.Boolean),
            "false" or "False" or "FALSE" => new DocScalar("false", ScalarKind.Boolean),
            var v when NumberPattern().IsMatch(v) => new DocScalar(v, ScalarKind.Number),
            var v => new DocScalar(v, ScalarKind.String),
        };
    }

    [GeneratedRegex(@"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
