using System.Security.Claims;
using Coworker.Common;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coworker.Gateway.Apis;

/// <summary>Users of a tenant and their API keys. Keys are shown in full once, at creation.</summary>
public static class TenantMembersApi
{
    public static IEndpointRouteBuilder MapTenantMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants/{tenant}").WithTags("Users and keys").RequireAuthorization();

        api.MapGet("/users", async Task<Ok<IReadOnlyList<TenantUser>>> (ClaimsPrincipal user, IClusterClient cluster, string tenant) =>
                TypedResults.Ok(await Tenant(cluster, user, tenant, TenantRole.Viewer).ListUsersAsync()))
            .WithName("ListUsers").WithSummary("Users of the tenant and their roles.");

        api.MapPut("/users/{userId}", async Task<Ok<TenantUser>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string userId, SetUserRequest request) =>
                TypedResults.Ok(await Tenant(cluster, user, tenant, TenantRole.Owner).SetUserAsync(userId, request.Role)))
            .WithName("SetUser").WithSummary("Add a user or change their role (Owner).");

        api.MapDelete("/users/{userId}", async Task<NoContent> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string userId) =>
            {
                await Tenant(cluster, user, tenant, TenantRole.Owner).RemoveUserAsync(userId);
                return TypedResults.NoContent();
            })
            .WithName("RemoveUser").WithSummary("Remove a user and revoke their keys (Owner).");

        api.MapGet("/keys", async Task<Ok<IReadOnlyList<ApiKeyInfo>>> (ClaimsPrincipal user, IClusterClient cluster, string tenant) =>
                TypedResults.Ok(await Tenant(cluster, user, tenant, TenantRole.Owner).ListApiKeysAsync()))
            .WithName("ListApiKeys").WithSummary("API keys of the tenant, masked (Owner).");

        api.MapPost("/keys", async Task<Created<IssuedApiKey>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, CreateApiKeyRequest request) =>
            {
                var issued = await Tenant(cluster, user, tenant, TenantRole.Owner).CreateApiKeyAsync(UserId.Require(request.User), request.Name ?? "");
                return TypedResults.Created($"/api/v1/tenants/{tenant}/keys/{issued.Info.KeyId}", issued);
            })
            .WithName("CreateApiKey").WithSummary("Issue an API key for a user; the key is returned only in this response (Owner).");

        api.MapDelete("/keys/{keyId}", async Task<NoContent> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string keyId) =>
            {
                await Tenant(cluster, user, tenant, TenantRole.Owner).RevokeApiKeyAsync(keyId);
                return TypedResults.NoContent();
            })
            .WithName("RevokeApiKey").WithSummary("Revoke an API key (Owner).");
        return app;
    }

    private static ITenantGrain Tenant(IClusterClient cluster, ClaimsPrincipal user, string tenant, TenantRole minimum) =>
        cluster.GetGrain<ITenantGrain>(TenantAccess.Require(user, tenant, minimum));
}
