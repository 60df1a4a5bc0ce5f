using System.Net;

namespace PbxGrains.Host.Load;

/// <summary>
/// Who may call <c>/load/*</c>: loopback callers only, unless <c>Load:AllowRemote=true</c>. <c>/load/process?collect=true</c>
/// forces a blocking full collection, so an open port must not let anyone stall a silo with it. The load runner starts
/// its hosts on loopback and loads a <c>--url</c> host over loopback unless told <c>--allow-remote</c>; a host loaded
/// from another machine is started with <c>--Load:AllowRemote=true</c>.
/// </summary>
public static class LoadEndpointAccess
{
    public const string AllowRemoteKey = "Load:AllowRemote";

    /// <summary>
    /// True for a loopback caller, and for a request with no remote address at all (an in-process test server), which
    /// cannot come from another machine.
    /// </summary>
    public static bool IsLocal(IPAddress? remote) => remote is null || IPAddress.IsLoopback(remote);

    /// <summary>Refuses (403) a caller that is neither local nor allowed by <see cref="AllowRemoteKey"/>.</summary>
    public static RouteGroupBuilder LocalUnlessAllowed(this RouteGroupBuilder group) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (IsLocal(http.Connection.RemoteIpAddress) || http.RequestServices.GetRequiredService<IConfiguration>().GetValue<bool>(AllowRemoteKey))
            {
                return await next(context);
            }

            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                detail: $"The /load endpoints answer loopback callers only; start the host with --{AllowRemoteKey}=true to allow others.");
        });
}
