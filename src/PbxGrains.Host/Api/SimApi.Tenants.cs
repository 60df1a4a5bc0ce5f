using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Ids;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Client;
using PbxGrains.Host.Api.Models;
using PbxGrains.Host.Api.Security;
using PbxGrains.Host.Scenarios;
using PbxGrains.Host.Scenarios.Documents;
using PbxGrains.Surfaces.Settings;

namespace PbxGrains.Host.Api;

/// <summary>Tenants: created, replaced and deleted from scenario documents (YAML or JSON).</summary>
public static partial class SimApi
{
    /// <summary>
    /// JSON and YAML only: <c>text/plain</c> and forms are what a page on another site can send without asking, so the
    /// control API refuses them (<see cref="Security.CrossOriginGuard"/>). A body without a content type is judged by
    /// its first character.
    /// </summary>
    private static readonly string[] ScenarioContentTypes = ["application/json", "application/yaml", "text/yaml", "application/x-yaml"];

    private static void MapTenants(RouteGroupBuilder tenants)
    {
        tenants.WithTags("Tenants");
        tenants.MapPost("/", CreateTenant)
            .RequireAuthorization(ControlApiSecurity.AdminPolicy)
            .Accepts<ScenarioDocument>(ScenarioContentTypes[0], ScenarioContentTypes[1..])
            .WithSummary("Create a tenant from a scenario document (JSON, or YAML with Content-Type application/yaml).");
        tenants.MapGet("/", ListTenants).RequireAuthorization(ControlApiSecurity.CallerPolicy)
            .WithSummary("List tenant ids (a tenant's key sees its own only).");
        tenants.MapGet("/{tenant}", GetTenant).RequireAuthorization(ControlApiSecurity.TenantPolicy)
            .WithSummary("A tenant's settings (secrets show as \"(set)\", never their value), catalogue and live call count.");
        tenants.MapPut("/{tenant}", ReplaceTenant)
            .RequireAuthorization(ControlApiSecurity.TenantPolicy)
            .Accepts<ScenarioDocument>(ScenarioContentTypes[0], ScenarioContentTypes[1..])
            .WithSummary("Create or replace a tenant from a scenario document.");
        tenants.MapDelete("/{tenant}", DeleteTenant).RequireAuthorization(ControlApiSecurity.TenantPolicy).WithSummary("Delete a tenant.");
    }

    private static async Task<Results<Created<TenantResponse>, ProblemHttpResult>> CreateTenant(
        HttpRequest request, PbxClient pbx, ScenarioLoader loader, TenantSelectorCheck selectors, SurfaceSettingsSchemas schemas, CancellationToken cancellationToken)
    {
        var scenario = await ReadScenarioAsync(request, loader, tenant: null, cancellationToken);
        if (!scenario.IsValid)
        {
            return SimProblems.Scenario(scenario.Errors);
        }

        if (await selectors.ConflictsAsync(scenario.Definition!) is { Count: > 0 } conflicts)
        {
            return SimProblems.CredentialInUse(conflicts);
        }

        var loaded = await pbx.Tenant(scenario.Definition!.Id).LoadAsync(scenario.Definition, replace: false);
        if (!loaded.IsOk)
        {
            return SimProblems.From(loaded);
        }

        return TypedResults.Created($"/sim/tenants/{loaded.Value!.Id}", await TenantResponseAsync(pbx, schemas, loaded.Value));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> ReplaceTenant(
        string tenant, HttpRequest request, PbxClient pbx, ScenarioLoader loader, TenantSelectorCheck selectors, SurfaceSettingsSchemas schemas,
        CancellationToken cancellationToken)
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

        if (await selectors.ConflictsAsync(scenario.Definition!) is { Count: > 0 } conflicts)
        {
            return SimProblems.CredentialInUse(conflicts);
        }

        var loaded = await pbx.Tenant(tenant).LoadAsync(scenario.Definition!, replace: true);
        return loaded.IsOk ? TypedResults.Ok(await TenantResponseAsync(pbx, schemas, loaded.Value!)) : SimProblems.From(loaded);
    }

    private static async Task<Ok<TenantListResponse>> ListTenants(PbxClient pbx, ClaimsPrincipal user)
    {
        var tenants = await pbx.Grains.GetGrain<ITenantDirectoryGrain>(0).ListAsync();
        return TypedResults.Ok(new TenantListResponse([.. tenants.Where(t => ControlApiCallers.MayActOn(user, t))]));
    }

    private static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetTenant(string tenant, PbxClient pbx, SurfaceSettingsSchemas schemas)
    {
        var view = TenantKey.IsValidTenantId(tenant) ? await pbx.Tenant(tenant).GetAsync() : null;
        return view is null ? SimProblems.TenantNotFound(tenant) : TypedResults.Ok(await TenantResponseAsync(pbx, schemas, view));
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
    private static async Task<TenantResponse> TenantResponseAsync(PbxClient pbx, SurfaceSettingsSchemas schemas, TenantView view) =>
        view.AsResponse((await pbx.ListCallsAsync(view.Id)).Length, pbx.Clock.Speed, schemas);

    private static async Task<ScenarioResult> ReadScenarioAsync(HttpRequest request, ScenarioLoader loader, string? tenant, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return loader.Parse(text, ScenarioFormats.FromContentType(request.ContentType, text), tenant);
    }
}
