using PbxGrains.Abstractions.Contracts;

namespace PbxGrains.Surfaces.Faults;

/// <summary>The names of fault kinds as the control API, the metrics and the log write them (camel case).</summary>
public static class FaultNames
{
    public static string Of(FaultKind kind) => kind switch
    {
        FaultKind.Latency => "latency",
        FaultKind.VendorError => "vendorError",
        FaultKind.HttpStatus => "httpStatus",
        FaultKind.EmptyResponse => "emptyResponse",
        FaultKind.MalformedBody => "malformedBody",
        FaultKind.ConnectionReset => "connectionReset",
        FaultKind.SlowBody => "slowBody",
        _ => kind.ToString(),
    };

    /// <summary>The response header that marks an injected fault with its rule's id, so a test or a load report can count it apart.</summary>
    public const string Header = "X-Pbx-Fault";
}
