using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Faults;

/// <summary>
/// Injects a tenant's transport faults (<see cref="FaultRule"/>) into its requests on the vendor surfaces. It runs after
/// routing and tenant resolution (the surface and the tenant are known) and before the surface's handler;
/// <see cref="FaultInjector"/> decides. The delays of the latency faults that fire come first, then the first other
/// fault that fires answers in the handler's place (or spoils its answer). An injected answer carries the
/// <see cref="FaultNames.Header"/> response header with the fault's id (each latency fault's too; a reset has no answer).
/// </summary>
public sealed class FaultInjectionMiddleware(RequestDelegate next, IEnumerable<PbxSurface> surfaces, FaultInjector faults, StaleAnswers stale)
{
    private readonly Dictionary<string, PbxSurface> _surfaces = surfaces.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.SurfaceOf() is not { } name || !_surfaces.TryGetValue(name, out var surface)
            || context.Features.Get<ITenantFeature>()?.Tenant is not { } tenant)
        {
            await next(context);
            return;
        }

        var plan = await faults.DecideAsync(tenant, () => FaultTarget.OfAsync(context, surface));
        foreach (var id in plan.DelayedBy)
        {
            context.Response.Headers.Append(FaultNames.Header, id);
        }

        if (plan.Delay > TimeSpan.Zero)
        {
            await Task.Delay(plan.Delay, context.RequestAborted);
        }

        if (plan.Answer is { } answer)
        {
            await InjectAsync(context, surface, tenant, answer);
            return;
        }

        await next(context);
    }

    private async Task InjectAsync(HttpContext context, PbxSurface surface, string tenant, FaultRule rule)
    {
        var response = context.Response;
        if (rule.Kind != FaultKind.ConnectionReset)
        {
            response.Headers.Append(FaultNames.Header, rule.Id);
        }

        switch (rule.Kind)
        {
            case FaultKind.ConnectionReset:
                context.Abort();
                break;
            case FaultKind.HttpStatus:
                response.StatusCode = rule.Status;
                if (rule.RetryAfterSeconds > 0)
                {
                    response.Headers[HeaderNames.RetryAfter] = rule.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                response.ContentLength = 0;
                break;
            case FaultKind.EmptyResponse:
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentLength = 0;
                break;
            case FaultKind.VendorError when surface.Fail is { } fail:
                await fail(context, rule.ErrorCode, rule.ErrorMessage).ExecuteAsync(context);
                break;
            case FaultKind.VendorError:
                // A surface without an error format of its own (none today): the server's plain failure.
                response.StatusCode = StatusCodes.Status500InternalServerError;
                response.ContentLength = 0;
                break;
            case FaultKind.MalformedBody:
                await RewriteAsync(context, static (body, stream, _) => stream.WriteAsync(FaultBodies.Truncated(body)), rule);
                break;
            case FaultKind.SlowBody:
                await RewriteAsync(context, FaultBodies.DribbleAsync, rule);
                break;
            case FaultKind.StaleAnswer:
                await ServeStaleAsync(context, rule, StaleAnswers.KeyOf(tenant, rule, context));
                break;
        }
    }

    /// <summary>Serves the request's kept answer while it is young enough; else runs the handler and keeps its answer.</summary>
    private async Task ServeStaleAsync(HttpContext context, FaultRule rule, string key)
    {
        var response = context.Response;
        if (stale.Fresh(key, TimeSpan.FromSeconds(rule.AgeSeconds)) is { } kept)
        {
            response.StatusCode = kept.Status;
            response.ContentType = kept.ContentType;
            response.ContentLength = kept.Body.Length;
            response.Headers[HeaderNames.Age] = ((int)(stale.Now - kept.TakenAt).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await response.Body.WriteAsync(kept.Body, context.RequestAborted);
            return;
        }

        await RewriteAsync(context, async (body, stream, _) =>
        {
            // Only a successful answer is kept, as a cache keeps it: an error is served as it is and asked again.
            if (response.StatusCode is >= 200 and < 300)
            {
                stale.Keep(key, new StaleAnswers.Snapshot(response.StatusCode, response.ContentType, body.ToArray(), stale.Now));
            }

            response.ContentLength = body.Length;
            await stream.WriteAsync(body);
        }, rule);
    }

    /// <summary>Runs the handler into a buffer, then writes its answer through <paramref name="write"/>.</summary>
    private async Task RewriteAsync(HttpContext context, Func<ReadOnlyMemory<byte>, Stream, FaultRule, ValueTask> write, FaultRule rule)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        // The answer's length changes (truncated) or is written slowly: a declared length would be a lie or a wait.
        context.Response.ContentLength = null;
        await write(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), original, rule);
    }
}
