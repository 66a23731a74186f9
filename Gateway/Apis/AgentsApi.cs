using System.Security.Claims;
using Coworker.Agents;
using Coworker.Common;
using Coworker.Listings;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coworker.Gateway.Apis;

/// <summary>Agents of a tenant and their lifecycle actions (see AgentLifecycle for the allowed transitions).</summary>
public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants/{tenant}/agents").WithTags("Agents").RequireAuthorization()
            .AddEndpointFilter<Authentication.AgentKeyCacheEndpointFilter>();

        api.MapGet("/", ListAgents).WithName("ListAgents").WithSummary("Agents of the tenant, ordered by id.");
        api.MapPost("/", CreateAgent).WithName("CreateAgent").WithSummary("Create an agent; it starts in the Created state (Member; Owner to give it roles).");
        api.MapGet("/{agent}", async Task<Ok<AgentInfo>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent) =>
                TypedResults.Ok(await Agent(cluster, user, tenant, agent, TenantRole.Viewer).GetAsync()))
            .WithName("GetAgent").WithSummary("An agent's configuration and status.");
        api.MapPut("/{agent}", UpdateAgent)
            .WithName("UpdateAgent").WithSummary("Replace an agent's configuration; omitted roles stay as they are (Member; Owner to change roles).");

        api.MapPost("/{agent}/start", (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent) =>
                Act(cluster, user, tenant, agent, grain => grain.StartAsync()))
            .WithName("StartAgent").WithSummary("Created or Stopped -> Active.");
        api.MapPost("/{agent}/stop", (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent) =>
                Act(cluster, user, tenant, agent, grain => grain.StopAsync()))
            .WithName("StopAgent").WithSummary("Active -> Stopped.");
        api.MapPost("/{agent}/suspend", (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent, SuspendAgentRequest? request) =>
                Act(cluster, user, tenant, agent, grain => grain.SuspendAsync(request?.Reason, request?.Until)))
            .WithName("SuspendAgent").WithSummary("Freeze an agent; with 'until' it resumes by itself then.");
        api.MapPost("/{agent}/resume", (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent) =>
                Act(cluster, user, tenant, agent, grain => grain.ResumeAsync()))
            .WithName("ResumeAgent").WithSummary("Suspended -> the state it was suspended from.");
        api.MapPost("/{agent}/terminate", (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent) =>
                Act(cluster, user, tenant, agent, grain => grain.TerminateAsync()))
            .WithName("TerminateAgent").WithSummary("Final: the agent can be read but never changed again.");
        api.MapPost("/{agent}/keys", async Task<Created<IssuedAgentKey>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent, CreateAgentKeyRequest request) =>
            {
                var issued = await CreateAgentKey(user, cluster, tenant, agent, request.Name);
                return TypedResults.Created($"/api/v1/tenants/{tenant}/agents/{agent}/keys/{issued.Info.KeyId}", issued);
            })
            .WithName("CreateAgentKey").WithSummary("Issue an API key the agent uses at the MCP endpoint; shown only in this response (Owner).");
        api.MapGet("/{agent}/keys", async Task<Ok<IReadOnlyList<AgentKeyInfo>>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent) =>
                TypedResults.Ok(await ListAgentKeys(user, cluster, tenant, agent)))
            .WithName("ListAgentKeys").WithSummary("The agent's API keys, masked (Member).");
        api.MapDelete("/{agent}/keys/{keyId}", async Task<NoContent> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent, string keyId) =>
            {
                await RevokeAgentKey(user, cluster, tenant, agent, keyId);
                return TypedResults.NoContent();
            })
            .WithName("RevokeAgentKey").WithSummary("Revoke one of the agent's API keys (Owner).");
        api.MapGet("/{agent}/tools", async Task<Ok<IReadOnlyList<string>>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent) =>
                TypedResults.Ok(await Agent(cluster, user, tenant, agent, TenantRole.Viewer).GetGrantedToolsAsync()))
            .WithName("ListAgentTools").WithSummary("Tools the agent's roles grant (published or not).");
        api.MapGet("/{agent}/usage", async Task<Ok<CallUsage>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent) =>
                TypedResults.Ok(await Agent(cluster, user, tenant, agent, TenantRole.Viewer).GetUsageAsync()))
            .WithName("GetAgentUsage").WithSummary("The agent's tool calls in the current UTC day and month, against its call quota.");
        return app;
    }

    internal static async Task<Ok<Page<AgentSummary>>> ListAgents(ClaimsPrincipal user, IClusterClient cluster, string tenant, int? limit, string? after)
    {
        var id = TenantAccess.Require(user, tenant, TenantRole.Viewer);
        await cluster.GetGrain<ITenantGrain>(id).GetAsync(); // 404 for an unknown tenant, not an empty list
        var size = Math.Clamp(limit ?? 100, 1, 500);
        var items = await cluster.GetGrain<IDirectoryGrain>(0).ListAgentsAsync(id, size, after);
        return TypedResults.Ok(new Page<AgentSummary>(items, items.Count == size ? items[^1].Id : null));
    }

    private static async Task<Created<AgentInfo>> CreateAgent(ClaimsPrincipal user, IClusterClient cluster, string tenant, CreateAgentRequest request)
    {
        var tenantId = TenantAccess.Require(user, tenant, TenantRole.Member);
        var agentId = Slug.Require(request.Id, "agent");
        var info = await cluster.GetGrain<IAgentGrain>(GrainKeys.Compose(tenantId, agentId)).CreateAsync(request.ToConfig());
        return TypedResults.Created($"/api/v1/tenants/{tenantId}/agents/{agentId}", info);
    }

    private static async Task<Ok<AgentInfo>> UpdateAgent(ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent, UpdateAgentRequest request)
    {
        var grain = Agent(cluster, user, tenant, agent, TenantRole.Member);
        // Roles are the Owner's to change: a Member editing the description need not (and cannot) restate them.
        var roles = request.Roles ?? (await grain.GetAsync()).Config.Roles;
        return TypedResults.Ok(await grain.UpdateConfigAsync(request.ToConfig() with { Roles = roles }));
    }

    internal static Task<IssuedAgentKey> CreateAgentKey(ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent, string? name) =>
        Agent(cluster, user, tenant, agent, TenantRole.Owner).CreateApiKeyAsync(name ?? "");

    internal static Task<IReadOnlyList<AgentKeyInfo>> ListAgentKeys(ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent) =>
        Agent(cluster, user, tenant, agent, TenantRole.Member).ListApiKeysAsync();

    internal static Task RevokeAgentKey(ClaimsPrincipal user, IClusterClient cluster, string tenant, string agent, string keyId) =>
        Agent(cluster, user, tenant, agent, TenantRole.Owner).RevokeApiKeyAsync(keyId);

    private static async Task<Ok<AgentInfo>> Act(IClusterClient cluster, ClaimsPrincipal user, string tenant, string agent, Func<IAgentGrain, Task<AgentInfo>> action) =>
        TypedResults.Ok(await action(Agent(cluster, user, tenant, agent, TenantRole.Member)));

    internal static IAgentGrain Agent(IClusterClient cluster, ClaimsPrincipal user, string tenant, string agent, TenantRole minimum)
    {
        var tenantId = TenantAccess.Require(user, tenant, minimum);
        if (!Slug.IsValid(agent))
        {
            throw CoworkerException.NotFound("Agent", agent);
        }

        return cluster.GetGrain<IAgentGrain>(GrainKeys.Compose(tenantId, agent));
    }
}
