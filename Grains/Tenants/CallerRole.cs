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
        if (!IsTenantCaller)
        {
            return;
        }

        var users = await grains.GetGrain<ITenantGrain>(tenant).ListUsersAsync();
        Require(tenant, minimum, userId => users.FirstOrDefault(u => string.Equals(u.UserId, userId, StringComparison.Ordinal)));
    }

    /// <summary>
    /// The same check for the tenant grain itself, which holds the users: it cannot call its own ListUsersAsync from
    /// inside one of its turns (a non-reentrant grain waiting on itself never returns).
    /// </summary>
    public static void Require(string tenant, TenantRole minimum, Func<string, TenantUser?> findUser)
    {
        if (RequestContext.Get(CallerContext.TenantKey) is not string { Length: > 0 } callerTenant)
        {
            return;
        }

        var actor = CallerContext.CurrentActor;
        if (string.Equals(callerTenant, tenant, StringComparison.Ordinal) && actor.StartsWith(UserPrefix, StringComparison.Ordinal)
            && findUser(actor[UserPrefix.Length..]) is { } user && user.Role >= minimum)
        {
            return;
        }

        throw CoworkerException.Forbidden($"This action needs the {minimum} role in tenant '{tenant}'.");
    }

    /// <summary>Throws Forbidden for any tenant caller: what only the platform admin (or the silo itself) may do.</summary>
    public static void RequirePlatformAdmin(string what)
    {
        if (IsTenantCaller)
        {
            throw CoworkerException.Forbidden($"Only the platform admin may {what}.");
        }
    }

    private static bool IsTenantCaller => RequestContext.Get(CallerContext.TenantKey) is string { Length: > 0 };
}
