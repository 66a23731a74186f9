using System.Security.Claims;
using Coworker.Common;
using Coworker.Listings;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Gateway.Authentication;
using Coworker.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coworker.Gateway.Apis;

public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants").WithTags("Tenants").RequireAuthorization()
            .AddEndpointFilter<Authentication.AgentKeyCacheEndpointFilter>();

        api.MapGet("/", ListTenants).WithName("ListTenants").WithSummary("Tenants the caller can see (all of them for an admin).");
        api.MapPost("/", CreateTenant).WithName("CreateTenant").WithSummary("Create a tenant with its first Owner (admin only).");
        api.MapGet("/{tenant}", GetTenant).WithName("GetTenant").WithSummary("A tenant's profile, status and quotas.");
        api.MapPatch("/{tenant}", UpdateTenant).WithName("UpdateTenant").WithSummary("Rename a tenant or set its network allowlist (Owner); change quotas (admin).");
        api.MapGet("/{tenant}/usage", GetUsage).WithName("GetTenantUsage").WithSummary("Tool calls of all the tenant's agents in the current UTC day and month, against the tenant's call quota.");
        api.MapPost("/{tenant}/disable", DisableTenant).WithName("DisableTenant").WithSummary("Disable a tenant: its keys stop working (admin only).");
        api.MapPost("/{tenant}/enable", EnableTenant).WithName("EnableTenant").WithSummary("Enable a disabled tenant (admin only).");
        return app;
    }

    internal static async Task<Ok<Page<TenantSummary>>> ListTenants(ClaimsPrincipal user, IClusterClient cluster, int? limit, string? after)
    {
        if (!user.IsAdmin())
        {
            var own = await cluster.GetGrain<ITenantGrain>(user.Tenant()!).GetAsync();
            return TypedResults.Ok(new Page<TenantSummary>([new TenantSummary(own.Id, own.DisplayName, own.Status, own.CreatedAt)], null));
        }

        var size = Math.Clamp(limit ?? 100, 1, 500);
        var items = await cluster.GetGrain<IDirectoryGrain>(0).ListTenantsAsync(size, after);
        return TypedResults.Ok(new Page<TenantSummary>(items, items.Count == size ? items[^1].Id : null));
    }

    private static async Task<Created<TenantInfo>> CreateTenant(ClaimsPrincipal user, IClusterClient cluster, CreateTenantRequest request)
    {
        TenantAccess.RequireAdmin(user);
        var id = Slug.Require(request.Id, "tenant");
        var info = await cluster.GetGrain<ITenantGrain>(id).CreateAsync(new CreateTenant(request.DisplayName ?? "", request.Owner ?? "", request.Quotas));
        return TypedResults.Created($"/api/v1/tenants/{id}", info);
    }

    internal static async Task<Ok<TenantInfo>> GetTenant(ClaimsPrincipal user, IClusterClient cluster, string tenant) =>
        TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(TenantAccess.Require(user, tenant, TenantRole.Viewer)).GetAsync());

    internal static async Task<Ok<Agents.CallUsage>> GetUsage(ClaimsPrincipal user, IClusterClient cluster, string tenant) =>
        TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(TenantAccess.Require(user, tenant, TenantRole.Viewer)).GetToolCallUsageAsync());

    private static async Task<Ok<TenantInfo>> UpdateTenant(ClaimsPrincipal user, IClusterClient cluster, string tenant, UpdateTenantRequest request)
    {
        var id = TenantAccess.Require(user, tenant, TenantRole.Owner);
        if (request.Quotas is not null)
        {
            TenantAccess.RequireAdmin(user);
        }

        return TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(id).UpdateAsync(new UpdateTenant(request.DisplayName, request.Quotas, request.NetworkAllowlist)));
    }

    private static async Task<Ok<TenantInfo>> DisableTenant(ClaimsPrincipal user, IClusterClient cluster, string tenant)
    {
        TenantAccess.RequireAdmin(user);
        return TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(Slug.Require(tenant, "tenant")).DisableAsync());
    }

    private static async Task<Ok<TenantInfo>> EnableTenant(ClaimsPrincipal user, IClusterClient cluster, string tenant)
    {
        TenantAccess.RequireAdmin(user);
        return TypedResults.Ok(await cluster.GetGrain<ITenantGrain>(Slug.Require(tenant, "tenant")).EnableAsync());
    }
}
