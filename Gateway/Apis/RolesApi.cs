using System.Security.Claims;
using Coworker.Catalog;
using Coworker.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coworker.Gateway.Apis;

/// <summary>Role grants: which tools each role gives the agents that hold it.</summary>
public static class RolesApi
{
    public sealed record SetRoleToolsRequest(IReadOnlyList<string>? Tools);

    public static IEndpointRouteBuilder MapRolesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants/{tenant}/roles").WithTags("Roles").RequireAuthorization();
        api.MapGet("/", async Task<Ok<IReadOnlyDictionary<string, IReadOnlyList<string>>>> (ClaimsPrincipal user, IClusterClient cluster, string tenant) =>
                TypedResults.Ok(await cluster.GetGrain<IRoleGrantsGrain>(TenantAccess.Require(user, tenant, TenantRole.Viewer)).ListAsync()))
            .WithName("ListRoles").WithSummary("Every role of the tenant with the tools it grants.");
        api.MapPut("/{role}/tools", async Task<NoContent> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string role, SetRoleToolsRequest request) =>
            {
                await cluster.GetGrain<IRoleGrantsGrain>(TenantAccess.Require(user, tenant, TenantRole.Owner)).SetRoleToolsAsync(role, request.Tools ?? []);
                return TypedResults.NoContent();
            })
            .WithName("SetRoleTools").WithSummary("Replace the tools a role grants; connected MCP sessions are told their lists changed (Owner).");
        return app;
    }
}
