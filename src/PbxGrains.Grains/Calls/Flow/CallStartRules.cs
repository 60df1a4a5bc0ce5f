using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;

namespace PbxGrains.Grains.Calls.Flow;

/// <summary>
/// What a request must pass to start a call, each rule returning the refusal or null. The flow checks them all when
/// the call starts; the grain asks the ones about what it has loaded so far before it loads more, so a refused call
/// costs no further grain call.
/// </summary>
internal static class CallStartRules
{
    public static PbxResult? New(CallState call) =>
        call.Started ? PbxResult.Fail(DomainError.IllegalTransition, $"call {call.CallId} already exists") : null;

    public static PbxResult? TenantExists(TenantSettings? settings, string tenant) =>
        settings is null ? PbxResult.Fail(DomainError.TenantNotFound, $"tenant {tenant} does not exist") : null;

    /// <summary>
    /// Every draw of the call comes from one source: the seed its creator gave (traffic generators give one per call, so
    /// a run repeats whatever ids the calls get), else one derived from the tenant's seed and the call's id.
    /// </summary>
    public static int DrawSeed(int? seed, string callId, TenantSettings settings) =>
        seed ?? unchecked((int)(Abstractions.Ids.StableHash.Fnv1a(callId) ^ ((uint)settings.Seed * 2654435761u)));

    public static PbxResult? Source(OriginateRequest request, ExtensionView source)
    {
        if (!source.Exists)
        {
            return PbxResult.Fail(DomainError.ExtensionNotFound, $"extension {request.SourceExtension} does not exist");
        }

        if (request.RequireSourceAvailable && !source.Registered)
        {
            return PbxResult.Fail(DomainError.ExtensionUnregistered, $"extension {request.SourceExtension} is not registered");
        }

        return request.RequireSourceAvailable && source.DeviceState != DeviceState.NotInUse
            ? PbxResult.Fail(DomainError.ExtensionBusy, $"extension {request.SourceExtension} is {source.DeviceState}")
            : null;
    }

    public static PbxResult? Phone(DialRequest request, ExtensionView phone)
    {
        if (!phone.Exists)
        {
            return PbxResult.Fail(DomainError.ExtensionNotFound, $"extension {request.FromExtension} does not exist");
        }

        return phone.Registered ? null : PbxResult.Fail(DomainError.ExtensionUnregistered, $"extension {request.FromExtension} is not registered");
    }

    /// <summary>A number a party of the PBX can dial: anything it routes but a parking slot (picking up is another request).</summary>
    public static PbxResult? Dialable(Destination destination, string number) =>
        destination.Kind is DestinationKind.Unknown or DestinationKind.ParkingSlot
            ? PbxResult.Fail(DomainError.DestinationNotFound, $"{number} is not a number this PBX can dial")
            : null;

    /// <summary>A number an inbound call can reach: one of the PBX's own.</summary>
    public static PbxResult? Inbound(InboundCallRequest request, Destination destination) =>
        Trunk(request.Trunk) ?? (destination.Kind is DestinationKind.Unknown or DestinationKind.ParkingSlot or DestinationKind.External
            ? PbxResult.Fail(DomainError.DestinationNotFound, $"{request.Destination} is not a number of this PBX")
            : null);

    public static PbxResult? Trunk(string trunk) =>
        string.IsNullOrWhiteSpace(trunk) || trunk.Any(c => c is '/' or '-' or ' ')
            ? PbxResult.Fail(DomainError.InvalidArgument, "trunk: must be a name without '/', '-' or spaces")
            : null;

    public static PbxResult? IntoContext(ContextCallRequest request)
    {
        var number = request.Destination.Trim();
        if (number.Length == 0 || !number.TrimStart('+').All(c => char.IsAsciiDigit(c) || c is '*' or '#') || string.IsNullOrWhiteSpace(request.Context))
        {
            return PbxResult.Fail(DomainError.InvalidArgument, "a call into a context needs an outside number and a context");
        }

        return request.Trunk is { } trunk ? Trunk(trunk) : null;
    }
}
