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

    // Null values are cached too: "not published" is an answer.
    private readonly ExpiringCache<ToolDefinition?> _definitions = new(MaxAge, maxEntries: 50_000, time);

    /// <summary>The published definition (null when the tool is not published or does not exist).</summary>
    public ValueTask<ToolDefinition?> GetAsync(IGrainFactory grains, string tenant, string tool)
    {
        var key = GrainKeys.Compose(tenant, tool);
        return _definitions.TryGet(key, out var definition) ? ValueTask.FromResult(definition) : FetchAsync(grains, key);
    }

    public void Evict(string tenant, string tool) => _definitions.Evict(GrainKeys.Compose(tenant, tool));

    /// <summary>Drops every tool of a tenant (an event that names no single tool).</summary>
    public void EvictTenant(string tenant)
    {
        var prefix = GrainKeys.Compose(tenant, "");
        _definitions.EvictWhere((key, _) => key.StartsWith(prefix, StringComparison.Ordinal));
    }

    private async ValueTask<ToolDefinition?> FetchAsync(IGrainFactory grains, string key)
    {
        var generation = _definitions.Generation;
        var definition = await grains.GetGrain<IToolGrain>(key).GetPublishedAsync();
        _definitions.Add(key, definition, generation);
        return definition;
    }
}
