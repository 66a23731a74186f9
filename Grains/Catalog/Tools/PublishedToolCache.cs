using System.Collections.Concurrent;
using Coworker.Common;

namespace Coworker.Catalog.Tools;

/// <summary>
/// The published definition of each tool, kept per silo for the tool-call path so that a call does not need a
/// grain call to the tool grain. Entries are dropped when the tool changes: at once on the silo where the tool
/// grain committed the change (<see cref="ToolGrain"/> evicts here directly), and on every other silo when the
/// catalog event reaches it over NATS (<see cref="PublishedToolCacheInvalidator"/>). <see cref="MaxAge"/> bounds
/// how long a silo that missed an event (NATS down) can serve a stale definition.
/// </summary>
public sealed class PublishedToolCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Bumped by every eviction: a fetch that was in flight while something changed does not store what it got,
    // since that may be the definition from before the change.
    private long _generation;

    /// <summary>The published definition (null when the tool is not published or does not exist).</summary>
    public ValueTask<ToolDefinition?> GetAsync(IGrainFactory grains, string tenant, string tool)
    {
        var key = GrainKeys.Compose(tenant, tool);
        return _entries.TryGetValue(key, out var entry) && time.GetElapsedTime(entry.At) < MaxAge
            ? ValueTask.FromResult(entry.Definition)
            : FetchAsync(grains, key);
    }

    public void Evict(string tenant, string tool)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(GrainKeys.Compose(tenant, tool), out _);
    }

    /// <summary>Drops every tool of a tenant (an event that names no single tool).</summary>
    public void EvictTenant(string tenant)
    {
        Interlocked.Increment(ref _generation);
        var prefix = GrainKeys.Compose(tenant, "");
        foreach (var key in _entries.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private async ValueTask<ToolDefinition?> FetchAsync(IGrainFactory grains, string key)
    {
        var generation = Interlocked.Read(ref _generation);
        var at = time.GetTimestamp();
        var definition = await grains.GetGrain<IToolGrain>(key).GetPublishedAsync();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(definition, at);
        if (Interlocked.Read(ref _generation) != generation)
        {
            // Something changed meanwhile: serve this answer to this caller only.
            _entries.TryRemove(key, out _);
        }

        return definition;
    }

    private sealed record Entry(ToolDefinition? Definition, long At);
}
