using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;
using PbxGrains.Host.Api.Models;
using PbxGrains.Host.Scenarios;
using PbxGrains.Host.Scenarios.Documents;

namespace PbxGrains.Host.Api;

/// <summary>Tenants: created, replaced and deleted from scenario documents (YAML or JSON).</summary>
public static partial class SimApi
{
    /// <summary>
    /// JSON and YAML; the last ones are what curl and browsers send by default, and are accepted because the body is
    /// judged by its first character (routing would otherwise answer 415 before the handler could look).
    /// </summary>
    private static readonly string[] ScenarioContentTypes =
        ["application/json", "application/yaml", "text/yaml", "application/x-yaml", "text/plain", "application/x-www-form-urlencoded"];

    private static void MapTenants(RouteGroupBuilder tenants)
    {
        tenants.WithTags("Tenants");
        tenants.MapPost("/", CreateTenant)
            .Accepts<ScenarioDocument>(ScenarioContentTypes[0], ScenarioContentTypes[1..])
            .WithSummary("Create a tenant from a scenario document (JSON, or YAML with Content-Type application/yaml).");
        tenants.MapGet("/", ListTenants).WithSummary("List tenant ids.");
        tenants.MapGet("/{tenant}", GetTenant).WithSummary("A tenant's settings, catalogue and live call count.");
        tenants.MapPut("/{tenant}", ReplaceTenant)
            .Accepts<ScenarioDocument>(ScenarioContentTypes[0], ScenarioContentTypes[1..])
            .WithSummary("Create or replace a tenant from a scenario document.");
        tenants.MapDelete("/{tenant}", DeleteTenant).WithSummary("Delete a tenant.");
    }

    private static async Task<Results<Created<TenantResponse>, ProblemHttpResult>> CreateTenant(
        HttpRequest request, PbxClient pbx, ScenarioLoader loader, CancellationToken cancellationToken)
    {
        var scenario = await ReadScenarioAsync(request, loader, tenant: null, cancellationToken);
        if (!scenario.IsValid)
        {
            return SimProblems.Scenario(scenario.Errors);
        }

        var loaded = await pbx.Tenant(scenario.Definition!.Id).LoadAsync(scenario.Definition, replace: false);
        if (!loaded.IsOk)
        {
            return SimProblems.From(loaded);
        }

        return TypedResults.Created($"/sim/tenants/{loaded.Value!.Id}", await TenantResponseAsync(pbx, loaded.Value));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> ReplaceTenant(
        string tenant, HttpRequest request, PbxClient pbx, ScenarioLoader loader, CancellationToken cancellationToken)
    {
        if (!TenantKey.IsValidTenantId(tenant))
        {
            return SimProblems.BadRequest($"'{tenant}' is not a valid tenant id");
        }

        var scenario = await ReadScenarioAsync(request, loader, tenant, cancellationToken);
        if (!scenario.IsValid)
        {
            return SimProblems.Scenario(scenario.Errors);
        }

        var loaded = await pbx.Tenant(tenant).LoadAsync(scenario.Definition!, replace: true);
        return loaded.IsOk ? TypedResults.Ok(await TenantResponseAsync(pbx, loaded.Value!)) : SimProblems.From(loaded);
    }

    private static async Task<Ok<TenantListResponse>> ListTenants(PbxClient pbx) =>
        TypedResults.Ok(new TenantListResponse(await pbx.Grains.GetGrain<ITenantDirectoryGrain>(0).ListAsync()));

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetTenant(string tenant, PbxClient pbx)
    {
        var view = TenantKey.IsValidTenantId(tenant) ? await pbx.Tenant(tenant).GetAsync() : null;
        return view is null ? SimProblems.TenantNotFound(tenant) : TypedResults.Ok(await TenantResponseAsync(pbx, view));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTenant(string tenant, PbxClient pbx, KnownTenants known)
    {
        if (!TenantKey.IsValidTenantId(tenant))
        {
            return SimProblems.TenantNotFound(tenant);
        }

        known.Forget(tenant);
        var deleted = await pbx.DeleteTenantAsync(tenant);
        known.Forget(tenant);
        return deleted.IsOk ? TypedResults.NoContent() : SimProblems.From(deleted);
    }

    // The speed of the clock this host runs (tenants share it), not the one the tenant's document named.
    private static async Task<TenantResponse> TenantResponseAsync(PbxClient pbx, TenantView view) =>
        view.AsResponse((await pbx.ListCallsAsync(view.Id)).Length, pbx.Clock.Speed);

    private static async Task<ScenarioResult> ReadScenarioAsync(HttpRequest request, ScenarioLoader loader, string? tenant, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return loader.Parse(text, ScenarioFormats.FromContentType(request.ContentType, text), tenant);
    }
}
