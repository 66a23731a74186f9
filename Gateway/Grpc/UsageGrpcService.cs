using Coworker.Gateway.Apis;
using Coworker.Grpc.V1;
using Coworker.Tenants;
using Grpc.Core;

namespace Coworker.Gateway.GrpcServices;

/// <summary>coworker.v1.UsageService: the agent's and the tenant's call usage, as GET .../agents/{a}/usage and .../usage.</summary>
internal sealed class UsageGrpcService(IClusterClient cluster) : UsageService.UsageServiceBase
{
    public override async Task<CallUsage> GetAgentUsage(GetAgentUsageRequest request, ServerCallContext context) =>
        (await AgentsApi.Agent(cluster, context.GetHttpContext().User, request.Tenant, request.Agent, TenantRole.Viewer)
            .GetUsageAsync().WaitAsync(context.CancellationToken)).ToMessage();

    public override async Task<CallUsage> GetTenantUsage(GetTenantUsageRequest request, ServerCallContext context) =>
        (await TenantsApi.GetUsage(context.GetHttpContext().User, cluster, request.Tenant).WaitAsync(context.CancellationToken)).Value!.ToMessage();
}
