using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Client;
using PbxGrains.Host.Api.Models;
using PbxGrains.Surfaces.Faults;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Host.Api;

/// <summary>
/// Transport faults on demand: add, list, pause, resume and remove a tenant's faults, and see the ones this process
/// fired. A change reaches every process within a second (their settings read models); this process applies it at once.
/// </summary>
public static partial class SimApi
{
    private static void MapFaults(RouteGroupBuilder faults)
    {
        faults.MapGet("/", ListFaults).WithSummary("The tenant's faults, each with what it matches and what this process counted.");
        faults.MapPost("/", AddFault).WithSummary("Adds a transport fault; the answer says what it matches.");
        faults.MapGet("/fired", ListFiredFaults).WithSummary("The last transport faults this process injected for the tenant and the last telephony faults that fired on its calls, oldest first.");
        faults.MapGet("/incidents", ListIncidents).WithSummary("The incidents in force now (phones unregistered, storms, restarts) and what each changed.");
        faults.MapGet("/{id}", GetFault).WithSummary("One fault.");
        faults.MapPost("/{id}/pause", PauseFault).WithSummary("Pauses the fault: it matches nothing and keeps its count.");
        faults.MapPost("/{id}/resume", ResumeFault).WithSummary("Resumes a paused fault.");
        faults.MapDelete("/{id}", RemoveFault).WithSummary("Removes the fault.");
    }

    private static async Task<Ok<AppliedIncidentResponse[]>> ListIncidents(string tenant, IGrainFactory grains) =>
        TypedResults.Ok((await grains.Ref<Abstractions.Interfaces.IIncidentsGrain>(tenant).AppliedAsync()).Select(a => a.AsResponse()).ToArray());

    private static async Task<Ok<FaultResponse[]>> ListFaults(string tenant, PbxClient pbx, FaultCounts counts)
    {
        var settings = await pbx.Tenant(tenant).GetSettingsAsync();
        return TypedResults.Ok((settings?.Faults ?? []).Select(f => f.AsResponse(counts.Of(tenant, f.Id, f.Version))).ToArray());
    }

    private static async Task<Results<Ok<FaultResponse>, ProblemHttpResult>> GetFault(string tenant, string id, PbxClient pbx, FaultCounts counts)
    {
        var settings = await pbx.Tenant(tenant).GetSettingsAsync();
        return settings?.Faults.FirstOrDefault(f => f.Id == id) is { } fault
            ? TypedResults.Ok(fault.AsResponse(counts.Of(tenant, fault.Id, fault.Version)))
            : NoSuchFault(id);
    }

    private static async Task<Results<Created<FaultResponse>, ProblemHttpResult>> AddFault(
        string tenant, FaultBody? body, PbxClient pbx, SurfaceSettingsSchemas surfaces, TenantFaultRules rules)
    {
        if (body is null)
        {
            return SimProblems.BadRequest("a fault is required (at least its kind)");
        }

        var rule = body.ToRule();
        if (rule.Surface.Length > 0 && surfaces.UnknownSurface(rule.Surface) is { } problem)
        {
            return SimProblems.BadRequest($"surface: {problem}");
        }

        var added = await pbx.Tenant(tenant).AddFaultAsync(rule);
        if (!added.IsOk)
        {
            return SimProblems.From(added);
        }

        rules.Invalidate(tenant);
        return TypedResults.Created($"/sim/tenants/{tenant}/faults/{added.Value!.Id}", added.Value.AsResponse((0, 0)));
    }

    private static Task<Results<Ok<FaultResponse>, ProblemHttpResult>> PauseFault(string tenant, string id, PbxClient pbx, FaultCounts counts, TenantFaultRules rules) =>
        SetPausedAsync(tenant, id, paused: true, pbx, counts, rules);

    private static Task<Results<Ok<FaultResponse>, ProblemHttpResult>> ResumeFault(string tenant, string id, PbxClient pbx, FaultCounts counts, TenantFaultRules rules) =>
        SetPausedAsync(tenant, id, paused: false, pbx, counts, rules);

    private static async Task<Results<Ok<FaultResponse>, ProblemHttpResult>> SetPausedAsync(
        string tenant, string id, bool paused, PbxClient pbx, FaultCounts counts, TenantFaultRules rules)
    {
        var changed = await pbx.Tenant(tenant).PauseFaultAsync(id, paused);
        if (!changed.IsOk)
        {
            return changed.Error == Abstractions.Model.DomainError.FaultNotFound ? NoSuchFault(id) : SimProblems.From(changed);
        }

        rules.Invalidate(tenant);
        var fault = changed.Value!;
        return TypedResults.Ok(fault.AsResponse(counts.Of(tenant, id, fault.Version)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveFault(string tenant, string id, PbxClient pbx, TenantFaultRules rules)
    {
        var removed = await pbx.Tenant(tenant).RemoveFaultAsync(id);
        if (!removed.IsOk)
        {
            return removed.Error == Abstractions.Model.DomainError.FaultNotFound ? NoSuchFault(id) : SimProblems.From(removed);
        }

        rules.Invalidate(tenant);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<FiredFaultResponse[]>> ListFiredFaults(string tenant, FiredFaults fired, IGrainFactory grains)
    {
        var telephony = await grains.Ref<Abstractions.Interfaces.IIncidentsGrain>(tenant).ListFiredAsync();
        return TypedResults.Ok(fired.Of(tenant).Select(f => f.AsResponse()).Concat(telephony.Select(f => f.AsResponse())).OrderBy(f => f.At).ToArray());
    }

    private static ProblemHttpResult NoSuchFault(string id) =>
        SimProblems.From(Abstractions.Model.DomainError.FaultNotFound, $"fault '{id}' does not exist");
}
