using System.Net;
using System.Text;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Faults;

namespace PbxGrains.Surfaces.Ami;

/// <summary>
/// The tenant's transport faults on the manager interface (surface <c>ami</c>, endpoint the action as Asterisk spells
/// it, client the manager user or the source address): a delay, <c>Response: Error</c>, no response at all, a response
/// cut off and the connection closed, or the connection closed at once. A socket has no HTTP status or body rate:
/// faults of those kinds do not match it.
/// </summary>
public static class AmiFaults
{
    /// <summary>The name the manager interface has in a fault's <c>surface</c>.</summary>
    public const string Surface = "ami";

    /// <summary>The endpoint of faults on the connection itself, by time (<see cref="SocketFaults"/>), rather than on an action.</summary>
    public const string ConnectionEndpoint = "connection";

    public static bool Carries(FaultKind kind) =>
        kind is FaultKind.Latency or FaultKind.VendorError or FaultKind.EmptyResponse or FaultKind.MalformedBody or FaultKind.ConnectionReset;

    /// <summary>Applies the faults the action meets; true when one answered it in the handler's place.</summary>
    public static async Task<bool> InjectAsync(AmiRequest request, string action)
    {
        var plan = await request.Services.Faults.DecideAsync(request.Tenant, () => ValueTask.FromResult(TargetOf(request, action)), Carries);
        if (plan.Delay > TimeSpan.Zero)
        {
            await Task.Delay(plan.Delay, request.Connection.Stopping);
        }

        switch (plan.Answer)
        {
            case null:
                return false;
            case { Kind: FaultKind.VendorError } rule:
                request.Error(rule.ErrorMessage.Length > 0 ? rule.ErrorMessage : "Internal error");
                break;
            case { Kind: FaultKind.EmptyResponse }:
                // The response never comes: a client waiting for its ActionID has to time out.
                request.Faulted();
                break;
            case { Kind: FaultKind.MalformedBody }:
                // The first line of a response, cut off mid-line, and the connection gone.
                request.Connection.Send(Encoding.ASCII.GetBytes("Response: Succ"));
                request.Faulted();
                request.Connection.CloseAfterAnswer();
                break;
            default:
                request.Faulted();
                request.Connection.Drop();
                break;
        }

        return true;
    }

    private static FaultTarget TargetOf(AmiRequest request, string action)
    {
        var peer = request.Connection.Peer;
        var address = IPEndPoint.TryParse(peer, out var endpoint) ? endpoint.Address.ToString() : peer;
        return new FaultTarget(Surface, action, address, request.Session.User);
    }
}
