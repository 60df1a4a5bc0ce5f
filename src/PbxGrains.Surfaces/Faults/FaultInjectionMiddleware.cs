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
public sealed class FaultInjectionMiddleware(RequestDelegate next, IEnumerable<PbxSurface> surfaces, FaultInjector faults)
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
            await InjectAsync(context, surface, answer);
            return;
        }

        await next(context);
    }

    private async Task InjectAsync(HttpContext context, PbxSurface surface, FaultRule rule)
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
        }
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
