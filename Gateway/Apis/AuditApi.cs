using System.Globalization;
using System.Security.Claims;
using Coworker.Audit;
using Coworker.Common;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Gateway.Authentication;
using Coworker.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coworker.Gateway.Apis;

/// <summary>
/// A tenant's audit log (Owner): filtered queries paged by seq, and a check of its hash chain. Platform events
/// (authentication failures, …) are under the tenant "_platform", for platform admins only.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/tenants/{tenant}/audit").WithTags("Audit").RequireAuthorization();

        api.MapGet("/", QueryAudit).WithName("QueryAudit")
            .WithSummary("Audit events of the tenant in seq order; filter by kind, actor, target, outcome and time [from, to); page with ?after={next} (Owner).");
        api.MapGet("/verify", async Task<Ok<AuditVerification>> (ClaimsPrincipal user, IClusterClient cluster, string tenant) =>
                TypedResults.Ok(await Audit(cluster, user, tenant).VerifyAsync()))
            .WithName("VerifyAudit").WithSummary("Recompute the tenant's audit hash chain and report its first broken link (Owner).");
        return app;
    }

    internal static async Task<Ok<Page<AuditRecord>>> QueryAudit(
        ClaimsPrincipal user, IClusterClient cluster, string tenant,
        string? kind, string? actor, string? target, string? outcome, DateTimeOffset? from, DateTimeOffset? to, int? limit, long? after)
    {
        var grain = Audit(cluster, user, tenant);
        if (from is { } start && to is { } end && start >= end)
        {
            throw CoworkerException.Validation("'from' must be before 'to'.");
        }

        var size = Math.Clamp(limit ?? AuditQuery.DefaultLimit, 1, AuditQuery.MaxLimit);
        var items = await grain.QueryAsync(new AuditQuery(Blank(kind), Blank(actor), Blank(target), Blank(outcome), from, to, size, after));
        return TypedResults.Ok(new Page<AuditRecord>(items, items.Count == size ? items[^1].Seq.ToString(CultureInfo.InvariantCulture) : null));
    }

    // The grain key is the tenant: whatever the filters say, a query only ever reads that tenant's rows.
    internal static IAuditQueryGrain Audit(IClusterClient cluster, ClaimsPrincipal user, string tenant)
    {
        if (tenant == AuditEvent.PlatformTenant)
        {
            // 404 like any other tenant a caller may not see.
            return user.IsAdmin()
                ? cluster.GetGrain<IAuditQueryGrain>(AuditEvent.PlatformTenant)
                : throw CoworkerException.NotFound("Tenant", tenant);
        }

        return cluster.GetGrain<IAuditQueryGrain>(TenantAccess.Require(user, tenant, TenantRole.Owner));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
