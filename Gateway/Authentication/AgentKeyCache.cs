using System.Collections.Concurrent;
using Coworker.Agents;

namespace Coworker.Gateway.Authentication;

/// <summary>
/// Agent keys this Gateway has verified recently (by their SHA-256, never the key), so that an agent's stream of
/// tool calls does not cost a grain call each just to authenticate. An entry is dropped when anything about its
/// agent changes — at once for changes made through this Gateway (<see cref="AgentKeyCacheEndpointFilter"/>),
/// and when the agent event arrives over NATS for changes made elsewhere (<see cref="AgentKeyCacheInvalidator"/>)
/// — and lives <see cref="Lifetime"/> at most, which bounds how long a revoked key or a suspension can go unseen
/// here if an event is lost. Each tool call is still authorised by the agent grain itself (status, grants, quota).
/// </summary>
public sealed class AgentKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    public bool TryGet(string keyHash, out AgentPrincipal principal)
    {
        if (_entries.TryGetValue(keyHash, out var entry) && time.GetElapsedTime(entry.At) < Lifetime)
        {
            principal = entry.Principal;
            return true;
        }

        principal = null!;
        return false;
    }

    /// <summary>The generation to pass to <see cref="Add"/>: read it before asking the agent grain.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Remembers a verified key, unless an eviction happened since <paramref name="generation"/> was read.</summary>
    public void Add(string keyHash, AgentPrincipal principal, long generation)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[keyHash] = new Entry(principal, time.GetTimestamp());
        if (Interlocked.Read(ref _generation) != generation)
        {
            _entries.TryRemove(keyHash, out _);
        }
    }

    public void EvictAgent(string tenant, string agent)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Principal.Tenant == tenant && entry.Principal.Agent == agent)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    /// <summary>Drops the cached keys of every agent of a tenant (the tenant was disabled, its quotas changed, …).</summary>
    public void EvictTenant(string tenant)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (hash, entry) in _entries)
        {
            if (entry.Principal.Tenant == tenant)
            {
                _entries.TryRemove(hash, out _);
            }
        }
    }

    private sealed record Entry(AgentPrincipal Principal, long At);
}
