using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PbxGrains.Abstractions.Client;
using PbxGrains.Abstractions.Events;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Escaux.Events;

/// <summary>The event socket's registration and <c>ccPing</c>, the HTTP call that checks it.</summary>
public static class EscauxEventsApi
{
    /// <summary>The event socket (a hosted service of the API tier) and the process's call-event feed.</summary>
    public static IServiceCollection AddEscauxEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventSocketOptions>()
            .Bind(configuration.GetSection(EventSocketOptions.SectionName))
            .Validate(o => o.Port is >= 0 and <= 65535, $"{EventSocketOptions.SectionName}:Port must be from 0 to 65535.")
            .Validate(o => o.BufferEvents >= 1, $"{EventSocketOptions.SectionName}:BufferEvents must be at least 1.")
            .Validate(o => System.Net.IPAddress.TryParse(o.Address, out _), $"{EventSocketOptions.SectionName}:Address must be an IP address.")
            .ValidateOnStart();
        services.AddCallEventFeed();
        services.AddSingleton<EventSocketTenants>();
        services.AddSingleton<EventSocketServer>();
        services.AddHostedService(sp => sp.GetRequiredService<EventSocketServer>());
        return services;
    }

    /// <summary>
    /// <c>ccPing</c> as <c>.php</c> (XML), <c>.json</c> and without extension (XML, as the document calls ccRecord and
    /// pumLogin). It answers over HTTP and sends <c>evPong</c> to every event socket of the tenant, in every process.
    /// </summary>
    public static IEndpointRouteBuilder MapEscauxEvents(this IEndpointRouteBuilder app)
    {
        var xml = app.MapGroup("/xml").WithTenantSurface(TenantSurfaces.Escaux);
        xml.MapMethods("/ccPing.php", ["GET", "POST"], (HttpContext context, CallEventFeed feed, EventSocketTenants tenants, PbxClock clock, ILoggerFactory logs) =>
            PingAsync(context, feed, tenants, clock, logs, json: false));
        xml.MapMethods("/ccPing", ["GET", "POST"], (HttpContext context, CallEventFeed feed, EventSocketTenants tenants, PbxClock clock, ILoggerFactory logs) =>
            PingAsync(context, feed, tenants, clock, logs, json: false));
        xml.MapMethods("/ccPing.json", ["GET", "POST"], (HttpContext context, CallEventFeed feed, EventSocketTenants tenants, PbxClock clock, ILoggerFactory logs) =>
            PingAsync(context, feed, tenants, clock, logs, json: true));
        return app;
    }

    private static async Task<IResult> PingAsync(HttpContext context, CallEventFeed feed, EventSocketTenants tenants, PbxClock clock, ILoggerFactory logs, bool json)
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
            ? Results.Text(CcPingJson(result), "application/json", Encoding.UTF8)
            : Results.Text(CcPingXml(result), "text/xml", Encoding.UTF8);
    }

    /// <summary>The document's answer, byte for byte.</summary>
    public static string CcPingXml(int result) => $"<ccPingResult>\n<Result>{result}</Result>\n</ccPingResult>\n";

    public static string CcPingJson(int result) => $"{{\"Result\":{result}}}";
}
