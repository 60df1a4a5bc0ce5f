using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Events;
using PbxGrains.Client;
using PbxGrains.Client.Events;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>The Escaux surface's events part: the event socket's registration and <c>ccPing</c>, the HTTP call that checks it.</summary>
public static class EscauxEventsApi
{
    /// <summary>
    /// The event socket (a hosted service of the API tier, settings <c>Escaux:EventSocket</c>) and the process's
    /// call-event feed. <see cref="EscauxApi.AddEscaux"/> adds it with the rest of the surface.
    /// </summary>
    public static IServiceCollection AddEscauxEvents(this IServiceCollection services)
    {
        services.AddOptions<EventSocketOptions>()
            .BindConfiguration(EventSocketOptions.SectionName)
            .Validate(o => o.Port is >= 0 and <= 65535, $"{EventSocketOptions.SectionName}:Port must be from 0 to 65535.")
            .Validate(o => o.BufferEvents >= 1, $"{EventSocketOptions.SectionName}:BufferEvents must be at least 1.")
            .Validate(o => System.Net.IPAddress.TryParse(o.Address, out _), $"{EventSocketOptions.SectionName}:Address must be an IP address.")
            .ValidateOnStart();
        services.AddCallEventFeed();
        services.TryAddSingleton<EventSocketTenants>();
        services.TryAddSingleton<EventSocketServer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EventSocketServer>(sp => sp.GetRequiredService<EventSocketServer>()));
        return services;
    }

    /// <summary>
    /// <c>ccPing</c> as <c>.php</c> (XML), <c>.json</c> and without extension (XML, as the document calls ccRecord and
    /// pumLogin), on the Escaux surface's <c>/xml</c> group. It answers over HTTP and sends <c>evPong</c> to every event
    /// socket of the tenant, in every process.
    /// </summary>
    public static RouteGroupBuilder MapEscauxEvents(this RouteGroupBuilder xml)
    {
        foreach (var (path, json) in (ReadOnlySpan<(string, bool)>)[("/ccPing.php", false), ("/ccPing", false), ("/ccPing.json", true)])
        {
            xml.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], (HttpContext context, CallEventFeed feed, EventSocketTenants tenants, PbxClock clock, ILoggerFactory logs) =>
                PingAsync(context, feed, tenants, clock, logs, json));
        }

        return xml;
    }

    private static async Task<ContentHttpResult> PingAsync(HttpContext context, CallEventFeed feed, EventSocketTenants tenants, PbxClock clock, ILoggerFactory logs, bool json)
    {
        var tenant = context.GetTenant();
        var result = 0;
        try
        {
            if (await tenants.ExistsAsync(tenant))
            {
                await feed.PingAsync(tenant, Guid.NewGuid().ToString("N"), clock.Now);
            }
            else
            {
                // No such PBX: nothing could receive the pong.
                result = 1;
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The document's error code: the HTTP side works, the event side could not be reached.
            logs.CreateLogger(typeof(EscauxEventsApi)).LogWarning(error, "ccPing of tenant {Tenant} could not reach the event feed", tenant);
            result = 1;
        }

        return json
            ? TypedResults.Text(CcPingJson(result), "application/json", Encoding.UTF8)
            : TypedResults.Text(CcPingXml(result), "text/xml", Encoding.UTF8);
    }

    /// <summary>The document's answer, byte for byte.</summary>
    public static string CcPingXml(int result) => $"<ccPingResult>\n<Result>{result}</Result>\n</ccPingResult>\n";

    public static string CcPingJson(int result) => $"{{\"Result\":{result}}}";
}
