using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Host.Api.Models;

namespace PbxGrains.Host.Api;

/// <summary>Traffic generators: see them, start and stop them, change their rate while they run.</summary>
public static partial class SimApi
{
    private static void MapTraffic(RouteGroupBuilder traffic)
    {
        traffic.MapGet("/", ListTraffic).WithSummary("Every traffic generator of the tenant.");
        traffic.MapGet("/{name}", GetTraffic).WithSummary("One traffic generator.");
        traffic.MapPost("/{name}/start", StartTraffic).WithSummary("Starts the generator.");
        traffic.MapPost("/{name}/stop", StopTraffic).WithSummary("Stops the generator; calls already placed go on.");
        traffic.MapPut("/{name}/rate", SetTrafficRate).WithSummary("Changes the generator's rate (calls per hour) at once.");
    }

    private static async Task<Ok<TrafficResponse[]>> ListTraffic(string tenant, PbxClient pbx)
    {
        var views = await pbx.ListTrafficAsync(tenant);
        return TypedResults.Ok(views.Select(v => v.AsResponse()).ToArray());
    }

    private static async Task<Results<Ok<TrafficResponse>, ProblemHttpResult>> GetTraffic(string tenant, string name, PbxClient pbx)
    {
        if (!await IsTrafficOfAsync(pbx, tenant, name))
        {
            return NoSuchTraffic(name);
        }

        var view = await pbx.Traffic(tenant, name).GetAsync();
        return view.Exists ? TypedResults.Ok(view.AsResponse()) : NoSuchTraffic(name);
    }

    private static Task<Results<Ok<TrafficResponse>, ProblemHttpResult>> StartTraffic(string tenant, string name, PbxClient pbx) =>
        OnTrafficAsync(pbx, tenant, name, t => t.StartAsync());

    private static Task<Results<Ok<TrafficResponse>, ProblemHttpResult>> StopTraffic(string tenant, string name, PbxClient pbx) =>
        OnTrafficAsync(pbx, tenant, name, t => t.StopAsync());

    private static async Task<Results<Ok<TrafficResponse>, ProblemHttpResult>> SetTrafficRate(string tenant, string name, TrafficRateBody body, PbxClient pbx)
    {
        if (body.CallsPerHour is not { } rate)
        {
            return SimProblems.BadRequest("callsPerHour is required");
        }

        return await OnTrafficAsync(pbx, tenant, name, t => t.SetRateAsync(rate));
    }

    private static async Task<Results<Ok<TrafficResponse>, ProblemHttpResult>> OnTrafficAsync(
        PbxClient pbx, string tenant, string name, Func<Abstractions.Interfaces.ITrafficGrain, Task<PbxResult>> action)
    {
        var generator = pbx.Traffic(tenant, name);
        if (!await IsTrafficOfAsync(pbx, tenant, name) || !(await generator.GetAsync()).Exists)
        {
            return NoSuchTraffic(name);
        }

        var result = await action(generator);
        if (result.Error == DomainError.TrafficNotFound)
        {
            // Removed between the look and the action (the tenant was replaced or deleted).
            return NoSuchTraffic(name);
        }

        return result.IsOk ? TypedResults.Ok((await generator.GetAsync()).AsResponse()) : SimProblems.From(result);
    }

    /// <summary>
    /// Whether the tenant's catalogue names the generator, asked before its grain: a generator that never was deactivates
    /// at once, and concurrent requests for one made-up name raced its deactivation until Orleans gave up forwarding
    /// them (503, "Failed to forward message … after DeactivateOnIdle"). The catalogue answers them without a grain.
    /// </summary>
    private static async Task<bool> IsTrafficOfAsync(PbxClient pbx, string tenant, string name) =>
        (await pbx.Tenant(tenant).GetAsync())?.Traffic.Contains(name, StringComparer.Ordinal) == true;

    /// <summary>
    /// 404 like every other *NotFound. Built here because SimProblems.StatusOf does not list TrafficNotFound (it would
    /// answer 409); once it does, this can be SimProblems.From.
    /// </summary>
    private static ProblemHttpResult NoSuchTraffic(string name) =>
        SimProblems.From(DomainError.TrafficNotFound, $"traffic generator {name} does not exist");
}
