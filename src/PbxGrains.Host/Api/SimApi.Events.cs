using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Host.Api.Events;

namespace PbxGrains.Host.Api;

/// <summary>A tenant's call events as they happen, as server-sent events (what the wallboard follows).</summary>
public static partial class SimApi
{
    private static void MapEvents(RouteGroupBuilder tenant)
    {
        tenant.MapGet("/events", StreamEvents).WithTags("Events").WithSummary(
            "The tenant's call events as server-sent events (text/event-stream): 'ready' once every later event will arrive " +
            "(read a snapshot then), 'calls' with a JSON array of events per delivery, 'ping' when idle, 'overrun' last if the " +
            "client fell behind. Bounded per tenant and per process (429 beyond).");
    }

    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> StreamEvents(
        string tenant, HttpContext context, TenantEventStreams streams, CancellationToken cancellationToken)
    {
        var (stream, refusal) = await streams.OpenAsync(tenant, cancellationToken);
        if (stream is null)
        {
            context.Response.Headers.RetryAfter = "10";
            return SimProblems.TooManyStreams(refusal!);
        }

        // Leaves the tenant's fan-out when the request ends, however it ends (the client went, the host stops, a write failed).
        context.Response.RegisterForDisposeAsync(stream);
        return TypedResults.ServerSentEvents(stream.ReadAllAsync(cancellationToken));
    }
}
