using System.Collections.Concurrent;
using System.Reflection;
using Coworker.Agents;
using Coworker.Audit;
using Coworker.Catalog;
using Coworker.Common;
using Coworker.Listings;
using Coworker.Platform;
using Coworker.Secrets;
using Coworker.Tenants;

namespace Coworker.Silo;

/// <summary>
/// Incoming grain call filter, deny by default: a call made for one tenant's user or agent (the Gateway stamps the
/// caller's tenant in RequestContext, and the stamp flows on through every nested grain call) reaches only that
/// tenant's grains. The tenant of a call is read from the grain's key for tenant-keyed grains ("{tenant}" or
/// "{tenant}/{id}") and from the <c>tenant</c> argument for the shared stateless workers. A call whose tenant cannot
/// be told that way (platform grains, methods without a tenant argument, any grain interface not declared in
/// <see cref="Scopes"/>) is refused to a tenant's caller.
/// The Gateway checks tenant access on every route; this is the second line, inside the cluster, that turns a check
/// forgotten there into a refusal instead of a read or write in another tenant. Calls with no tenant in the stamp
/// (platform admins, the Studio, silo-internal work such as reminders) are not limited by this filter.
/// </summary>
internal sealed class TenantBoundaryFilter : IIncomingGrainCallFilter
{
    private enum TenantFrom
    {
        Key,
        Argument,
    }

    // Every grain interface a tenant's caller may reach, and where its tenant is. A new grain interface is refused to
    // tenant callers until it is declared here.
    private static readonly Dictionary<Type, TenantFrom> Scopes = new()
    {
        [typeof(ITenantGrain)] = TenantFrom.Key,
        [typeof(IAgentGrain)] = TenantFrom.Key,
        [typeof(IRoleGrantsGrain)] = TenantFrom.Key,
        [typeof(IToolGrain)] = TenantFrom.Key,
        [typeof(IImportJobGrain)] = TenantFrom.Key,
        [typeof(IImportSourceGrain)] = TenantFrom.Key,
        [typeof(ISecretGrain)] = TenantFrom.Key,
        [typeof(ISecretIndexGrain)] = TenantFrom.Key,
        [typeof(ITenantKeyringGrain)] = TenantFrom.Key,
        [typeof(IKeyRotationGrain)] = TenantFrom.Key,
        [typeof(IAuditQueryGrain)] = TenantFrom.Key,
        [typeof(IToolInvokerGrain)] = TenantFrom.Argument,
        [typeof(IToolCatalogGrain)] = TenantFrom.Argument,
        [typeof(IDirectoryGrain)] = TenantFrom.Argument,
        // Not declared, so refused to tenant callers: IPlatformGrain (platform-wide), IAuditGrain (events of any tenant).
    };

    // Position of the "tenant" parameter of each stateless-worker method; -1 when it has none.
    private static readonly ConcurrentDictionary<MethodInfo, int> TenantParameter = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(CallerContext.TenantKey) is not string { Length: > 0 } callerTenant
            || context.InterfaceMethod is not { DeclaringType: { } type } method
            || type.Namespace?.StartsWith("Coworker.", StringComparison.Ordinal) != true)
        {
            return context.Invoke();
        }

        var target = TargetTenant(context, type, method);
        if (!string.Equals(target, callerTenant, StringComparison.Ordinal))
        {
            throw CoworkerException.Forbidden(target is null
                ? $"{type.Name}.{method.Name} is not open to callers of a tenant."
                : $"A caller of tenant '{callerTenant}' cannot act in another tenant.");
        }

        return context.Invoke();
    }

    private static string? TargetTenant(IIncomingGrainCallContext context, Type type, MethodInfo method)
    {
        if (!Scopes.TryGetValue(type, out var from))
        {
            return null;
        }

        if (from == TenantFrom.Key)
        {
            var key = context.TargetId.Key.ToString();
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? key : key[..slash];
        }

        var position = TenantParameter.GetOrAdd(method, static m =>
            Array.FindIndex(m.GetParameters(), p => p.Name == "tenant" && p.ParameterType == typeof(string)));
        return position < 0 ? null : context.Request.GetArgument(position) as string;
    }
}
