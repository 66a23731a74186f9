using Coworker.Agents;
using Coworker.Common;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// Agent keys this Gateway has verified recently (by their SHA-256, never the key), so that an agent's stream of
/// tool calls does not cost a grain call each just to authenticate. Entries are dropped when anything about their
/// agent or its tenant changes — at once for changes made through this Gateway (<see cref="AgentKeyCacheEndpointFilter"/>),
/// and when the event arrives over NATS for changes made elsewhere (<see cref="Events.GatewayEventListener"/>) — and
/// live <see cref="Lifetime"/> at most, which bounds how long a revoked key or a suspension can go unseen here if
/// an event is lost. Each tool call is still authorised by the agent grain itself (status, grants, quota).
/// </summary>
public sealed class AgentKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ExpiringCache<AgentPrincipal> _verified = new(Lifetime, maxEntries: 100_000, time);

    public bool TryGet(string keyHash, out AgentPrincipal principal) => _verified.TryGet(keyHash, out principal);

    /// <summary>The generation to pass to <see cref="Add"/>: read it before asking the agent grain.</summary>
    public long Generation => _verified.Generation;

    /// <summary>Remembers a verified key, unless an eviction happened since <paramref name="generation"/> was read.</summary>
    public void Add(string keyHash, AgentPrincipal principal, long generation) => _verified.Add(keyHash, principal, generation);

    public void EvictAgent(string tenant, string agent) =>
        _verified.EvictWhere((_, principal) => principal.Tenant == tenant && principal.Agent == agent);

    /// <summary>Drops the cached keys of every agent of a tenant (the tenant was disabled, its quotas changed, …).</summary>
    public void EvictTenant(string tenant) => _verified.EvictWhere((_, principal) => principal.Tenant == tenant);
}
