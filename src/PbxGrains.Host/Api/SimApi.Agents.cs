using Microsoft.AspNetCore.Http.HttpResults;
using PbxGrains.Abstractions.Contracts;
using PbxGrains.Abstractions.Interfaces;
using PbxGrains.Abstractions.Model;
using PbxGrains.Client;
using PbxGrains.Host.Api.Models;

namespace PbxGrains.Host.Api;

/// <summary>Call-centre agents: listing, login, logout and pause.</summary>
public static partial class SimApi
{
    private static void MapAgents(RouteGroupBuilder agents)
    {
        agents.MapGet("/", ListAgents).WithSummary("Every agent with its login, status and queues.");
        agents.MapGet("/{id}", GetAgent).WithSummary("One agent.");
        agents.MapPost("/{id}/login", LoginAgent).WithSummary("Log the agent in at an extension (with its PIN, or without as an administrator).");
        agents.MapPost("/{id}/logout", LogoutAgent).WithSummary("Log the agent out.");
        agents.MapPost("/{id}/pause", PauseAgent).WithSummary("Pause the agent in all its queues; the body's reason is optional.");
        agents.MapPost("/{id}/unpause", UnpauseAgent).WithSummary("Unpause the agent.");
    }

    private static async Task<Ok<AgentResponse[]>> ListAgents(string tenant, PbxClient pbx)
    {
        var agents = await pbx.ListAgentsAsync(tenant);
        return TypedResults.Ok(agents.Select(a => a.AsResponse()).ToArray());
    }

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> GetAgent(string tenant, string id, PbxClient pbx) =>
        await pbx.Agent(tenant, id).GetAsync() is { } agent ? TypedResults.Ok(agent.AsResponse()) : AgentNotFound(id);

    private static async Task<Results<Ok<AgentResponse>, ProblemHttpResult>> LoginAgent(string tenant, string id, AgentLoginBody body, PbxClient pbx)
    {
        if (Missing(body.Extension, "extension", out var problem))
        {
            return problem;
        }

        var agent = pbx.Agent(tenant, id);
        return await Act(agent.LoginAsync(body.Extension, body.Pin), () => AgentAsync(agent, id));
    }

    private static Task<Results<Ok<AgentResponse>, ProblemHttpResult>> LogoutAgent(string tenant, string id, PbxClient pbx)
    {
        var agent = pbx.Agent(tenant, id);
        return Act(agent.LogoutAsync(), () => AgentAsync(agent, id));
    }

    private static Task<Results<Ok<AgentResponse>, ProblemHttpResult>> PauseAgent(string tenant, string id, AgentPauseBody? body, PbxClient pbx)
    {
        var agent = pbx.Agent(tenant, id);
        return Act(agent.PauseAsync(true, body?.Reason ?? ""), () => AgentAsync(agent, id));
    }

    private static Task<Results<Ok<AgentResponse>, ProblemHttpResult>> UnpauseAgent(string tenant, string id, PbxClient pbx)
    {
        var agent = pbx.Agent(tenant, id);
        return Act(agent.PauseAsync(false, ""), () => AgentAsync(agent, id));
    }

    private static async Task<AgentResponse> AgentAsync(IAgentGrain agent, string id) =>
        (await agent.GetAsync())?.AsResponse() ?? throw new InvalidOperationException($"Agent {id} vanished after an action succeeded.");

    private static ProblemHttpResult AgentNotFound(string id) => SimProblems.From(DomainError.AgentNotFound, $"agent {id} does not exist");
}
