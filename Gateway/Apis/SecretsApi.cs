using System.Security.Claims;
using Coworker.Common;
using Coworker.Listings;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Secrets;
using Coworker.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coworker.Gateway.Apis;

/// <summary>
/// Service secrets of a tenant (API keys, basic-auth pairs, bearer tokens) that tools' auth requirements name.
/// Write-only: values go in with PUT and never come back; reads show the kind, a mask and the upstream hosts an
/// Owner approved the secret for. Changes are the Owner's (the secret grain checks that again). Key rotation for
/// platform admins.
/// </summary>
public static class SecretsApi
{
    public static IEndpointRouteBuilder MapSecretsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants/{tenant}/secrets").WithTags("Secrets").RequireAuthorization();

        api.MapGet("/", ListSecrets).WithName("ListSecrets").WithSummary("The tenant's secrets: names and kinds, never values (Member).");
        api.MapPut("/{name}", async Task<Ok<SecretInfo>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string name, SetSecretRequest request) =>
                TypedResults.Ok(await Secret(cluster, user, tenant, name, TenantRole.Owner).SetAsync(request.ToCommand())))
            .WithName("SetSecret").WithSummary("Create or replace a secret and its approved hosts; the response shows it masked (Owner).");
        api.MapPut("/{name}/hosts", async Task<Ok<SecretInfo>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string name, SetSecretHostsRequest request) =>
                TypedResults.Ok(await Secret(cluster, user, tenant, name, TenantRole.Owner).SetAllowedHostsAsync(
                    request.AllowedHosts ?? throw CoworkerException.Validation("'allowedHosts' is required: a list of host names (an empty list approves none)."))))
            .WithName("SetSecretHosts").WithSummary("Replace the upstream hosts a secret may be sent to (Owner).");
        api.MapGet("/{name}", async Task<Ok<SecretInfo>> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string name) =>
                TypedResults.Ok(await Secret(cluster, user, tenant, name, TenantRole.Member).GetInfoAsync()))
            .WithName("GetSecret").WithSummary("A secret's kind, mask, dates and key versions; never its value (Member).");
        api.MapDelete("/{name}", async Task<NoContent> (ClaimsPrincipal user, IClusterClient cluster, string tenant, string name) =>
            {
                await Secret(cluster, user, tenant, name, TenantRole.Owner).DeleteAsync();
                return TypedResults.NoContent();
            })
            .WithName("DeleteSecret").WithSummary("Delete a secret; tools that name it stop getting a credential (Owner).");

        app.MapPost("/api/v1/admin/keys/rotate", RotateKeys).WithTags("Admin").RequireAuthorization()
            .WithName("RotateKeys")
            .WithSummary("Re-wrap data keys under the active master key, add a data key version and re-encrypt secrets; all tenants or ?tenant= (admin).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<SecretSummary>>> ListSecrets(ClaimsPrincipal user, IClusterClient cluster, string tenant)
    {
        var id = TenantAccess.Require(user, tenant, TenantRole.Member);
        await cluster.GetGrain<ITenantGrain>(id).GetAsync(); // 404 for an unknown tenant, not an empty list
        return TypedResults.Ok(await cluster.GetGrain<ISecretIndexGrain>(id).ListAsync());
    }

    private static async Task<Ok<KeyRotationResponse>> RotateKeys(ClaimsPrincipal user, IClusterClient cluster, string? tenant, bool? newDataKeys)
    {
        TenantAccess.RequireAdmin(user);
        var newDataKey = newDataKeys ?? true;
        var rotated = new List<TenantKeyRotation>();
        var checkedTenants = 0;
        await foreach (var id in TenantsToRotate(cluster, tenant))
        {
            checkedTenants++;
            // One grain call per tenant keeps each call short, whatever the number of tenants.
            var rotation = await cluster.GetGrain<IKeyRotationGrain>(id).RotateAsync(newDataKey);
            if (!rotation.NothingToRotate)
            {
                rotated.Add(rotation);
            }
        }

        return TypedResults.Ok(new KeyRotationResponse(
            checkedTenants, rotated.Sum(r => r.DataKeysRewrapped), rotated.Sum(r => r.SecretsReencrypted), rotated));
    }

    private static async IAsyncEnumerable<string> TenantsToRotate(IClusterClient cluster, string? tenant)
    {
        if (tenant is not null)
        {
            var id = Slug.Require(tenant, "tenant");
            await cluster.GetGrain<ITenantGrain>(id).GetAsync();
            yield return id;
            yield break;
        }

        const int pageSize = 500;
        string? after = null;
        while (true)
        {
            var page = await cluster.GetGrain<IDirectoryGrain>(0).ListTenantsAsync(pageSize, after);
            foreach (var summary in page)
            {
                yield return summary.Id;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    private static ISecretGrain Secret(IClusterClient cluster, ClaimsPrincipal user, string tenant, string name, TenantRole minimum) =>
        cluster.GetGrain<ISecretGrain>(GrainKeys.Compose(TenantAccess.Require(user, tenant, minimum), SecretName.Require(name)));
}
