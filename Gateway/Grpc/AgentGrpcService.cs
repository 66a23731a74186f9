using Coworker.Gateway.Apis;
using Coworker.Gateway.Authentication;
using Coworker.Grpc.V1;
using Coworker.Tenants;
using Grpc.Core;

namespace Coworker.Gateway.GrpcServices;

/// <summary>coworker.v1.AgentService: listing and start/stop through the REST agents endpoints' own rules (<see cref="AgentsApi"/>).</summary>
internal sealed class AgentGrpcService(IClusterClient cluster, AgentKeyCache keys) : AgentService.AgentServiceBase
{
    public override async Task<ListAgentsResponse> ListAgents(ListAgentsRequest request, ServerCallContext context)
    {
        var page = (await AgentsApi.ListAgents(context.GetHttpContext().User, cluster, request.Tenant,
            ToolGrpcService.PageSize(request.PageSize), ToolGrpcService.Blank(request.PageToken)).WaitAsync(context.CancellationToken)).Value!;
        return new ListAgentsResponse { Agents = { page.Items.Select(agent => agent.ToMessage()) }, NextPageToken = page.Next ?? "" };
    }

    public override async Task<Agent> GetAgent(GetAgentRequest request, ServerCallContext context) =>
        (await AgentsApi.Agent(cluster, context.GetHttpContext().User, request.Tenant, request.Agent, TenantRole.Viewer)
            .GetAsync().WaitAsync(context.CancellationToken)).ToMessage();

    public override Task<Agent> StartAgent(AgentRef request, ServerCallContext context) => Act(request, context, grain => grain.StartAsync());

    public override Task<Agent> StopAgent(AgentRef request, ServerCallContext context) => Act(request, context, grain => grain.StopAsync());

    public override Task<Agent> SuspendAgent(SuspendAgentRequest request, ServerCallContext context) =>
        Act(new AgentRef { Tenant = request.Tenant, Agent = request.Agent }, context,
            grain => grain.SuspendAsync(ToolGrpcService.Blank(request.Reason), request.Until?.ToDateTimeOffset()));

    public override Task<Agent> ResumeAgent(AgentRef request, ServerCallContext context) => Act(request, context, grain => grain.ResumeAsync());

    public override Task<Agent> TerminateAgent(AgentRef request, ServerCallContext context) => Act(request, context, grain => grain.TerminateAsync());

    public override async Task<IssuedAgentKey> CreateAgentKey(CreateAgentKeyRequest request, ServerCallContext context)
    {
        var issued = await AgentsApi.CreateAgentKey(context.GetHttpContext().User, cluster, request.Tenant, request.Agent, request.Name)
            .WaitAsync(context.CancellationToken);
        return new IssuedAgentKey { Info = issued.Info.ToMessage(), Key = issued.Key };
    }

    public override async Task<ListAgentKeysResponse> ListAgentKeys(AgentRef request, ServerCallContext context) =>
        new()
        {
            Keys =
            {
                (await AgentsApi.ListAgentKeys(context.GetHttpContext().User, cluster, request.Tenant, request.Agent)
                    .WaitAsync(context.CancellationToken)).Select(key => key.ToMessage()),
            },
        };

    public override async Task<RevokeAgentKeyResponse> RevokeAgentKey(RevokeAgentKeyRequest request, ServerCallContext context)
    {
        try
        {
            await AgentsApi.RevokeAgentKey(context.GetHttpContext().User, cluster, request.Tenant, request.Agent, request.KeyId)
                .WaitAsync(context.CancellationToken);
            return new RevokeAgentKeyResponse();
        }
        finally
        {
            // As AgentKeyCacheEndpointFilter does for REST: the revoked key is refused on its next request here.
            keys.EvictAgent(request.Tenant, request.Agent);
        }
    }

    private async Task<Agent> Act(AgentRef request, ServerCallContext context, Func<Coworker.Agents.IAgentGrain, Task<Coworker.Agents.AgentInfo>> action)
    {
        try
        {
            // A lifecycle change is not cancelled halfway: the grain finishes it whether or not the caller still waits.
            var grain = AgentsApi.Agent(cluster, context.GetHttpContext().User, request.Tenant, request.Agent, TenantRole.Member);
            return (await action(grain).WaitAsync(context.CancellationToken)).ToMessage();
        }
        finally
        {
            // As AgentKeyCacheEndpointFilter does for REST: the agent's next request here is checked against its new state.
            keys.EvictAgent(request.Tenant, request.Agent);
        }
    }
}
