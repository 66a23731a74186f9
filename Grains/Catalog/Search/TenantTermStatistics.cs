using System.Collections.Concurrent;
using Npgsql;

namespace Coworker.Catalog.Search;

/// <summary>
/// How many of a tenant's tools contain each word (ts_stat over the tsvectors), cached per tenant and refreshed
/// in the background after <see cref="MaxAge"/>. Gives the inverse document frequency that hashed embeddings and
/// ts_rank_cd both lack: in a tenant full of mail tools "message" says little and "draft" a lot.
/// </summary>
public sealed class TenantTermStatistics(NpgsqlDataSource dataSource, TimeProvider? timeProvider = null)
{
    private const string Load = """
        SELECT (SELECT count(*) FROM coworker.tool_search WHERE tenant_id = @tenant),
               coalesce(array_agg(word), '{}'), coalesce(array_agg(ndoc), '{}')
        FROM ts_stat(format('SELECT search FROM coworker.tool_search WHERE tenant_id = %L', @tenant::text))
        """;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public TimeSpan MaxAge { get; init; } = TimeSpan.FromMinutes(5);

    public async Task<Snapshot> GetAsync(string tenant, CancellationToken cancellationToken = default)
    {
        var entry = _cache.GetOrAdd(tenant, t => new Entry(LoadAsync(t), _time.GetUtcNow()));
        if (entry.Load.IsCompletedSuccessfully && _time.GetUtcNow() - entry.LoadedAt > MaxAge)
        {
            // Serve the old numbers while new ones load: document frequencies change slowly.
            var refreshed = new Entry(LoadAsync(tenant), _time.GetUtcNow());
            if (_cache.TryUpdate(tenant, refreshed, entry))
            {
                _ = refreshed.Load.ContinueWith(t => _cache.TryUpdate(tenant, entry, refreshed), TaskContinuationOptions.NotOnRanToCompletion);
            }

            return await entry.Load;
        }

        try
        {
            return await entry.Load.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _cache.TryRemove(KeyValuePair.Create(tenant, entry));
            throw;
        }
    }

    /// <summary>Forgets a tenant's numbers (tests, bulk loads).</summary>
    public void Invalidate(string tenant) => _cache.TryRemove(tenant, out _);

    private async Task<Snapshot> LoadAsync(string tenant)
    {
        await using var command = dataSource.CreateCommand(Load);
        command.Parameters.AddWithValue("tenant", tenant);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var documents = reader.GetInt64(0);
        var words = reader.GetFieldValue<string[]>(1);
        var counts = reader.GetFieldValue<int[]>(2);
        var frequencies = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            frequencies[words[i]] = counts[i];
        }

        return new Snapshot(documents, frequencies);
    }

    private sealed record Entry(Task<Snapshot> Load, DateTimeOffset LoadedAt);

    /// <summary>Document frequencies of one tenant's words (PostgreSQL 'english' lexemes).</summary>
    public sealed record Snapshot(long Documents, IReadOnlyDictionary<string, int> Frequencies)
    {
        public int Frequency(string lexeme) => Frequencies.GetValueOrDefault(lexeme);

        /// <summary>BM25's idf scaled to at most 1 (a word no tool contains).</summary>
        public float Weight(string lexeme)
        {
            var n = Math.Max(1, Documents);
            var df = Math.Min(Frequency(lexeme), n);
            var idf = Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
            var max = Math.Log(1 + ((n + 0.5) / 0.5));
            return (float)(idf / max);
        }
    }
}
