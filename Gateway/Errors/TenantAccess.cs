using System.Security.Claims;
using Coworker.Common;
using Coworker.Tenants;

using Coworker.Gateway.Authentication;

namespace Coworker.Gateway;

/// <summary>
/// Who may touch which tenant. Platform admins may touch all; a tenant key may touch only its own tenant,
/// and another tenant's resources answer 404 (not 403), so ids of other tenants cannot be probed.
/// </summary>
public static class TenantAccess
{
    public static string Require(ClaimsPrincipal user, string tenant, TenantRole minimum)
    {
        if (user.IsAdmin())
        {
            return Slug.Require(tenant, "tenant");
        }

        if (!string.Equals(user.Tenant(), tenant, StringComparison.Ordinal))
        {
            throw CoworkerException.NotFound("Tenant", tenant);
        }

        if (user.TenantRole() is not { } role || role < minimum)
        {
            throw CoworkerException.Forbidden($"This action needs the {minimum} role in tenant '{tenant}'.");
        }

        return tenant;
    }

    public static void RequireAdmin(ClaimsPrincipal user)
    {
        if (!user.IsAdmin())
        {
            throw CoworkerException.Forbidden("Only a platform admin may do this.");
        }
    }
}
