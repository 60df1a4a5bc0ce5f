using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Client;
using PbxGrains.Surfaces.Hosting;
using PbxGrains.Surfaces.Tenancy;

namespace PbxGrains.Surfaces.Faults;

/// <summary>
/// Injects a tenant's transport faults (<see cref="FaultRule"/>) into its requests on the vendor surfaces. It runs after
/// routing and tenant resolution (the surface and the tenant are known) and before the surface's handler. For each rule
/// that matches the request (surface, operation, client) the rule's count goes up by one and decides, with the rule's
/// seed, whether it fires; the delays of the latency faults that fire add up, and then the first other fault that fires
/// answers in the handler's place (or spoils its answer). Every fired fault is counted (<c>pbx.faults.injected</c>), logged, kept in this process's recent
/// list, and marked with the <see cref="FaultNames.Header"/> response header (except a reset, which has no answer).
/// Nothing here may fail a request: rules that cannot be read are no rules.
/// </summary>
public sealed class FaultInjectionMiddleware(
    RequestDelegate next,
    IEnumerable<PbxSurface> surfaces,
    TenantFaultRules rules,
    FaultCounts counts,
    FiredFaults fired,
    FaultMetrics metrics,
    PbxClock clock,
    ILogger<FaultInjectionMiddleware> logger)
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

        var tenantRules = await RulesOf(tenant);
        if (tenantRules.IsDefaultOrEmpty)
        {
            await next(context);
            return;
        }

        var target = await FaultTarget.OfAsync(context, surface);
        FaultRule? answer = null;
        var delay = TimeSpan.Zero;
        foreach (var rule in tenantRules)
        {
            // Every matching rule counts the request, whatever the others do, so each rule's decisions depend only on
            // its own seed and matches.
            if (!target.Matches(rule))
            {
                continue;
            }

            var request = counts.Matched(tenant, rule);
            var now = clock.Now;
            if (!FaultDecision.Fires(rule, request, now) || (rule.Kind != FaultKind.Latency && answer is not null))
            {
                continue;
            }

            counts.Fired(tenant, rule);
            metrics.Injected(tenant, surface.Name, rule.Kind);
            fired.Add(tenant, new FiredFault(rule.Id, rule.Kind, surface.Name, target.Endpoint, target.Client, request, now));
            logger.LogInformation("Fault {Rule} of {Tenant} fired on {Surface} {Endpoint} for {Client}: {Kind} (match {Request})",
                rule.Id, tenant, surface.Name, target.Endpoint, target.Client, FaultNames.Of(rule.Kind), request);
            if (rule.Kind == FaultKind.Latency)
            {
                // Delays add up, and come before whatever answers.
                context.Response.Headers.Append(FaultNames.Header, rule.Id);
                delay += FaultDraws.Delay(rule.Delay!, rule.Seed, request);
            }
            else
            {
                answer = rule;
            }
        }

        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (answer is not null)
        {
            await InjectAsync(context, surface, answer);
            return;
        }

        await next(context);
    }

    private async ValueTask<System.Collections.Immutable.ImmutableArray<FaultRule>> RulesOf(string tenant)
    {
        try
        {
            return await rules.GetAsync(tenant);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The surface's own read of the tenant reports what is wrong; a fault must never be the cause of a failure.
            logger.LogDebug(error, "Faults of {Tenant} could not be read", tenant);
            return [];
        }
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
