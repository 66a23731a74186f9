using Coworker.Gateway.Apis;
using Coworker.Grpc.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using TenantInfo = Coworker.Tenants.TenantInfo;
using V1TenantStatus = Coworker.Grpc.V1.TenantStatus;

namespace Coworker.Gateway.GrpcServices;

/// <summary>coworker.v1.TenantService: the REST tenants endpoints' own read handlers (<see cref="TenantsApi"/>).</summary>
internal sealed class TenantGrpcService(IClusterClient cluster) : TenantService.TenantServiceBase
{
    public override async Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context)
    {
        var page = (await TenantsApi.ListTenants(context.GetHttpContext().User, cluster, ToolGrpcService.PageSize(request.PageSize),
            ToolGrpcService.Blank(request.PageToken)).WaitAsync(context.CancellationToken)).Value!;
        return new ListTenantsResponse
        {
            Tenants =
            {
                page.Items.Select(tenant => new Coworker.Grpc.V1.TenantSummary
                {
                    Id = tenant.Id, DisplayName = tenant.DisplayName, Status = Status(tenant.Status), CreatedAt = Timestamp.FromDateTimeOffset(tenant.CreatedAt),
                }),
            },
            NextPageToken = page.Next ?? "",
        };
    }

    public override async Task<Tenant> GetTenant(GetTenantRequest request, ServerCallContext context)
    {
        TenantInfo tenant = (await TenantsApi.GetTenant(context.GetHttpContext().User, cluster, request.Tenant).WaitAsync(context.CancellationToken)).Value!;
        return new Tenant
        {
            Id = tenant.Id, DisplayName = tenant.DisplayName, Status = Status(tenant.Status),
            CreatedAt = Timestamp.FromDateTimeOffset(tenant.CreatedAt), UpdatedAt = Timestamp.FromDateTimeOffset(tenant.UpdatedAt),
            NetworkAllowlist = { tenant.NetworkAllowlist }, MaxAgents = tenant.Quotas.MaxAgents, MaxUsers = tenant.Quotas.MaxUsers,
        };
    }

    private static V1TenantStatus Status(Coworker.Tenants.TenantStatus status) => status switch
    {
        Coworker.Tenants.TenantStatus.Active => V1TenantStatus.Active,
        Coworker.Tenants.TenantStatus.Disabled => V1TenantStatus.Disabled,
        _ => V1TenantStatus.Unspecified,
    };
}
