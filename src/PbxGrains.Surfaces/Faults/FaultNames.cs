using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Faults;

/// <summary>The names of fault kinds as the control API, the metrics and the log write them (camel case).</summary>
public static class FaultNames
{
    public static string Of(FaultKind kind) => FaultKinds.NameOf(kind);

    /// <summary>The response header that marks an injected fault with its rule's id, so a test or a load report can count it apart.</summary>
    public const string Header = "X-Pbx-Fault";
}
