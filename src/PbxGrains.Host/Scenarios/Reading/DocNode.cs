using System.Globalization;

namespace PbxGrains.Host.Scenarios.Reading;

/// <summary>
/// A parsed document before it is bound to the scenario classes: YAML and JSON both become this tree, so both
/// formats share one binder and report the same errors with the same paths.
/// </summary>
public abstract record class DocNode;

public sealed record class DocEntry(string Key, DocNode Value);

/// <summary>A map, in document order; duplicate keys are kept so the binder can report them.</summary>
public sealed record class DocMap(IReadOnlyList<DocEntry> Entries) : DocNode;

public sealed record class DocList(IReadOnlyList<DocNode> Items) : DocNode;

public enum ScalarKind
{
    Null = 0,
    String = 1,
    Number = 2,
    Boolean = 3,
}

/// <summary>
/// A single value with its text as written, so that <c>number: 0042</c> stays "0042" when it is bound to a text field.
/// </summary>
public sealed record class DocScalar(string? Text, ScalarKind Kind) : DocNode
{
    public static readonly DocScalar Null = new(null, ScalarKind.Null);

    public bool TryGetInt(out int value)
    {
        value = 0;
        return Kind is ScalarKind.Number or ScalarKind.String &&
            int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public bool TryGetDouble(out double value)
    {
        value = 0;
        return Kind is ScalarKind.Number or ScalarKind.String &&
            double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
            double.IsFinite(value);
    }

    public bool TryGetBool(out bool value)
    {
        value = false;
        return Kind is ScalarKind.Boolean or ScalarKind.String && bool.TryParse(Text, out value);
    }
}
