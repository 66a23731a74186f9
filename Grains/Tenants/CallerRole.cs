using Coworker.Common;

namespace Coworker.Tenants;

/// <summary>
/// The tenant role a grain method needs, checked inside the cluster so every front door (REST, CLI, gRPC, a future
/// Studio page) meets the same rule. The caller is the one the Gateway stamped in RequestContext; the stamp says who,
/// and the role is read from the tenant grain's own users, never from the stamp. Calls without a tenant in the stamp
/// are platform admins or silo-internal work and pass; a tenant's agent, or a user below the role, is refused.
/// </summary>
public static class CallerRole
{
    private const string UserPrefix = "user:";

    /// <summary>Throws Forbidden unless the caller may act as <paramref name="minimum"/> in <paramref name="tenant"/>.</summary>
    public static async Task RequireAsync(IGrainFactory grains, string tenant, TenantRole minimum)
    {
        if (RequestContext.Get(CallerContext.TenantKey) is not string { Length: > 0 } callerTenant)
        {
            return;
        }

        var actor = CallerContext.CurrentActor;
        if (string.Equals(callerTenant, tenant, StringComparison.Ordinal) && actor.StartsWith(UserPrefix, StringComparison.Ordinal))
        {
            var userId = actor[UserPrefix.Length..];
            var users = await grains.GetGrain<ITenantGrain>(tenant).ListUsersAsync();
            if (users.FirstOrDefault(u => string.Equals(u.UserId, userId, StringComparison.Ordinal)) is { } user && user.Role >= minimum)
            {
                return;
            }
        }

        throw CoworkerException.Forbidden($"This action needs the {minimum} role in tenant '{tenant}'.");
    }
}
