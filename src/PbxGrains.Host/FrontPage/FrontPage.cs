using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;
using PbxGrains.Host.Api.Security;
using PbxGrains.Host.Hosting;
using PbxGrains.Surfaces.Ami;
using PbxGrains.Surfaces.Escaux.Events;

namespace PbxGrains.Host.FrontPage;

/// <summary>
/// <c>GET /</c>: what this process runs (role, clock, silos, tenants and their live calls) and links to everything
/// else. Server-rendered HTML, no script. The page follows the control API's rules for what a caller may see: the
/// silos and the tenant list need the same authentication as <c>GET /sim/tenants</c> (a tenant's key sees its own
/// tenant, an administrator all and the silos); anyone sees the role, the clock and the links. It shows no secret of a
/// tenant: ids and live-call counts only.
/// </summary>
public static class FrontPageEndpoints
{
    /// <summary>
    /// Each listed tenant costs a read of its live calls; a cluster of hundreds of tenants lists the first ones by id
    /// and points to <c>GET /sim/tenants</c> for the rest.
    /// </summary>
    public const int MaxTenants = 50;

    /// <summary>A part of the cluster that does not answer within this is shown as not answering; the page still renders.</summary>
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapFrontPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", ShowAsync).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<ContentHttpResult> ShowAsync(HttpContext context, IServiceProvider services, CancellationToken ct)
    {
        var deployment = services.GetRequiredService<PbxDeployment>();
        var pbx = services.GetRequiredService<PbxClient>();
        var callers = services.GetRequiredService<ControlApiCallers>();
        var dashboard = services.GetRequiredService<DashboardSettings>();

        // The control API's scheme already ran (UseAuthentication); asking again returns its cached result, whose
        // failure says whether a key was given and refused.
        var authentication = await context.AuthenticateAsync();
        var user = context.User;
        var access = Access(user, callers.IsOpen, authentication.Failure is not null);

        var page = new FrontPageModel(
            deployment.Role,
            pbx.Clock.Now,
            pbx.Clock.Speed,
            access,
            user.IsInRole(ControlApiCallers.AdminRole) ? await SilosAsync(services, ct) : null,
            access.MaySeeTenants ? await TenantsAsync(pbx, user, ct) : null,
            dashboard,
            Sockets(services),
            context.Request.Host.Host);
        return TypedResults.Content(FrontPageHtml.Render(page), "text/html; charset=utf-8");
    }

    private static FrontPageAccess Access(ClaimsPrincipal user, bool open, bool refused)
    {
        if (user.Identity?.IsAuthenticated == true)
        {
            return new(true, user.IsInRole(ControlApiCallers.AdminRole)
                ? open ? "The control API has no key configured: it is open to callers on this machine (and only them)." : "You are the administrator."
                : "Your key is a tenant's: you see that tenant only.");
        }

        return new(false, open
            ? "The control API has no key configured, so it answers callers on this machine only (a loopback address and host name); " +
                "the silos and tenants are shown to them."
            : refused
                ? "The key given was not accepted. The silos and tenants need the control API's key ('Authorization: Bearer <key>' or 'X-Api-Key: <key>')."
                : "The silos and tenants need the control API's key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
    }

    private static async Task<SiloList> SilosAsync(IServiceProvider services, CancellationToken ct)
    {
        var local = services.GetService<ILocalSiloDetails>()?.SiloAddress;
        try
        {
            // The membership's view held by a silo, as /load/cluster reads it; from an API process through its gateway.
            var hosts = await services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0)
                .GetDetailedHosts(onlyActive: true).WaitAsync(ReadLimit, ct);
            return new SiloList(
                [.. hosts.OrderBy(h => h.SiloAddress.Endpoint.Port).ThenBy(h => h.SiloAddress.ToString(), StringComparer.Ordinal)
                    .Select(h => new SiloRow(h.SiloName, h.SiloAddress.Endpoint.ToString(), h.Status.ToString(), h.StartTime, h.SiloAddress.Equals(local)))],
                null);
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            return new SiloList([], $"The cluster did not answer: {error.Message}");
        }
    }

    private static async Task<TenantList> TenantsAsync(PbxClient pbx, ClaimsPrincipal user, CancellationToken ct)
    {
        string[] visible;
        try
        {
            var all = await pbx.Grains.GetGrain<ITenantDirectoryGrain>(0).ListAsync().WaitAsync(ReadLimit, ct);
            visible = [.. all.Where(t => ControlApiCallers.MayActOn(user, t)).Order(StringComparer.Ordinal)];
        }
        catch (Exception error) when (error is TimeoutException or OrleansException)
        {
            return new TenantList([], 0, $"The tenant directory did not answer: {error.Message}");
        }

        var shown = visible.Take(MaxTenants).ToArray();
        var rows = await Task.WhenAll(shown.Select(async tenant =>
        {
            try
            {
                var calls = await pbx.ListCallsAsync(tenant).WaitAsync(ReadLimit, ct);
                return new TenantRow(tenant, calls.Length);
            }
            catch (Exception error) when (error is TimeoutException or OrleansException)
            {
                return new TenantRow(tenant, null);
            }
        }));
        return new TenantList(rows, visible.Length - shown.Length, null);
    }

    private static IReadOnlyList<SocketRow> Sockets(IServiceProvider services) =>
    [
        new("Asterisk Manager Interface (AMI)", services.GetService<AmiServer>()?.LocalEndpoint?.Port),
        new("Escaux event socket", services.GetService<EventSocketServer>()?.LocalEndpoint?.Port),
    ];
}

/// <summary>Whether the caller may see tenants, and the sentence that says why (or why not).</summary>
public sealed record class FrontPageAccess(bool MaySeeTenants, string Explanation);

public sealed record class SiloRow(string? Name, string Endpoint, string Status, DateTime Started, bool IsThisProcess);

public sealed record class SiloList(IReadOnlyList<SiloRow> Silos, string? Error);

/// <summary>A tenant and its live calls (null when its listing did not answer).</summary>
public sealed record class TenantRow(string Id, int? LiveCalls);

public sealed record class TenantList(IReadOnlyList<TenantRow> Tenants, int NotShown, string? Error);

/// <summary>A TCP surface and the port it listens on (null: not listening in this process).</summary>
public sealed record class SocketRow(string Name, int? Port);

/// <summary>What the front page shows; null parts are hidden from this caller.</summary>
public sealed record class FrontPageModel(
    PbxRole Role,
    DateTimeOffset ClockNow,
    double ClockSpeed,
    FrontPageAccess Access,
    SiloList? Silos,
    TenantList? Tenants,
    DashboardSettings Dashboard,
    IReadOnlyList<SocketRow> Sockets,
    string RequestHost);
