using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Taridium;

/// <summary>
/// Taridium ipbx's IPPS interfaces (vendor-docs/taridium-ipbx-ipps.txt): <c>/ipps/channelinfo.php</c> and
/// <c>/ipps/queueactive.php</c>, CSV pages over the shared call model. Every request passes the same gates in the
/// order a PHP script would check them: IPPS enabled for the tenant (else 404, as if the scripts were not installed),
/// SSL when required, basic authentication when a user or password is set, then the arguments.
/// </summary>
public static class TaridiumApi
{
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    /// <summary>The surface: its name, the settings a scenario gives it, and its endpoints.</summary>
    public static readonly PbxSurface Surface = new(TaridiumSettings.SurfaceName, TaridiumSettings.Schema, endpoints => endpoints.MapTaridium())
    {
        Refuse = TaridiumAnswer.Refusal,
        Fail = TaridiumAnswer.Fault,
        Paths = ["/ipps"],
    };

    /// <summary>The surface and the services IPPS needs besides <see cref="PbxClient"/> and the tenancy middleware.</summary>
    public static IServiceCollection AddTaridium(this IServiceCollection services)
    {
        services.AddPbxSurface(Surface);
        // The read model's expiry runs on real time: it must not follow a simulation clock that a test stops or steps.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CountryNames>();
        services.TryAddSingleton<TaridiumReadModel>();
        return services;
    }

    public static IEndpointRouteBuilder MapTaridium(this IEndpointRouteBuilder endpoints)
    {
        // A PHP script answers GET, HEAD and POST alike, reading its arguments from the query string.
        var ipps = endpoints.MapGroup("/ipps").WithSurface(Surface).ExcludeFromDescription();
        ipps.MapMethods("/channelinfo.php", Methods, ChannelInfoAsync);
        ipps.MapMethods("/queueactive.php", Methods, QueueActiveAsync);
        return endpoints;
    }

    /// <summary>The state of each requested channel: one line per name of the comma-separated <c>channel</c>.</summary>
    public static async Task<Results<TaridiumAnswer, NotFound>> ChannelInfoAsync(
        HttpContext context,
        [FromQuery(Name = "channel")] string? channel,
        [FromQuery(Name = "useid")] string? useId,
        TaridiumReadModel readModel,
        PbxClient pbx)
    {
        var tenant = await readModel.GetAsync(context.GetTenant());
        if (Admit(context, tenant.Settings) is { } refusal)
        {
            return refusal;
        }

        var names = Names(channel, distinct: false);
        if (names.Count == 0)
        {
            return TaridiumAnswer.Error(TaridiumErrors.NoChannel);
        }

        ChannelSnapshot?[] channels = names.Count == 1
            ? [await LiveChannelAsync(pbx, tenant, names[0])]
            : await Task.WhenAll(names.Select(n => LiveChannelAsync(pbx, tenant, n)));

        // The name leads the line when it is asked for, and always when several channels are merged.
        var withName = names.Count > 1 || IsOne(useId);
        var body = new IppsBuffer();
        for (var i = 0; i < names.Count; i++)
        {
            IppsFormat.ChannelLine(body, withName ? names[i] : null, channels[i]);
        }

        return TaridiumAnswer.Page(body);
    }

    /// <summary>The active calls of the named queue(s): waiting and connected, in the order they entered.</summary>
    public static async Task<Results<TaridiumAnswer, NotFound>> QueueActiveAsync(
        HttpContext context,
        [FromQuery(Name = "queue_name")] string? queueName,
        [FromQuery(Name = "res_cc")] string? resolveCountries,
        TaridiumReadModel readModel,
        CountryNames countries,
        QueueSnapshotReader snapshots)
    {
        var tenant = await readModel.GetAsync(context.GetTenant());
        if (Admit(context, tenant.Settings) is { } refusal)
        {
            return refusal;
        }

        var names = Names(queueName, distinct: true);
        if (names.Count == 0)
        {
            return TaridiumAnswer.Error(TaridiumErrors.NoQueueName);
        }

        // One [AlwaysInterleave] read of each queue's published snapshot, conditional on the version this process
        // already holds (so an unchanged queue in another silo costs a small message); the queue renders nothing.
        var queues = names.Count == 1
            ? [await snapshots.GetAsync(tenant.Id, names[0])]
            : await Task.WhenAll(names.Select(n => snapshots.GetAsync(tenant.Id, n)));
        var body = new IppsBuffer();
        IppsFormat.QueueActive(body, queues, tenant.Settings, countries, IsOne(resolveCountries));
        return TaridiumAnswer.Page(body);
    }

    /// <summary>Null when the request may go on; else the answer that refuses it.</summary>
    private static Results<TaridiumAnswer, NotFound>? Admit(HttpContext context, TaridiumSettings settings)
    {
        // A tenant that does not exist looks exactly like one with IPPS disabled, so nothing tells the two apart.
        if (!settings.Enabled)
        {
            return TypedResults.NotFound();
        }

        // SSL first: credentials sent in the clear are refused before they are even looked at.
        if (settings.RequireSsl && !context.Request.IsHttps)
        {
            return TaridiumAnswer.Error(TaridiumErrors.SslRequired);
        }

        if (!settings.Authenticate(context.Request.Headers.Authorization.ToString()))
        {
            return TaridiumAnswer.Error(TaridiumErrors.AuthenticationFailed, StatusCodes.Status401Unauthorized);
        }

        return null;
    }

    /// <summary>
    /// The live leg of a device (<c>SIP/4002</c>: its oldest leg that is ringing or up) or of a full channel name
    /// (<c>SIP/4002-0000000a</c>); null when there is none, which IPPS reports as down.
    /// </summary>
    private static async Task<ChannelSnapshot?> LiveChannelAsync(PbxClient pbx, TaridiumTenant tenant, string name)
    {
        if (IsChannelName(name))
        {
            var channel = await pbx.Channel(tenant.Id, name).GetAsync();
            return channel is { IsHungUp: false } ? channel : null;
        }

        if (await tenant.ExtensionOfAsync(name) is not { } number)
        {
            return null;
        }

        var extension = await pbx.Extension(tenant.Id, number).GetAsync();
        foreach (var leg in extension.Channels)
        {
            if (!leg.IsHungUp && leg.State is ChannelState.Ring or ChannelState.Ringing or ChannelState.Up)
            {
                return leg;
            }
        }

        return null;
    }

    /// <summary>A channel name has a '-' and a sequence after its device (peer names cannot contain '-').</summary>
    private static bool IsChannelName(string name)
    {
        var slash = name.IndexOf('/');
        return slash > 0 && name.IndexOf('-', slash) > slash + 1;
    }

    /// <summary>The comma-separated names of an argument, without empty ones (and without repeats if asked).</summary>
    private static List<string> Names(string? argument, bool distinct)
    {
        var names = new List<string>(1);
        foreach (var range in argument.AsSpan().Split(','))
        {
            var name = argument.AsSpan()[range].Trim();
            if (name.IsEmpty)
            {
                continue;
            }

            var text = name.Length == argument!.Length ? argument : name.ToString();
            if (!distinct || !names.Contains(text, StringComparer.Ordinal))
            {
                names.Add(text);
            }
        }

        return names;
    }

    /// <summary>The document's flags are "set to 1".</summary>
    private static bool IsOne(string? value) => value.AsSpan().Trim() is "1";
}
