using Npgsql;
using Pgvector;

namespace Coworker.Catalog.Search;

/// <summary>
/// Re-embeds rows whose embedder id is not the configured embedder's (after a change of provider or model, or
/// rows written with the offline fallback while the configured embedder was down). Batches are claimed with
/// FOR UPDATE SKIP LOCKED, so several silos share the work without doing it twice.
/// </summary>
public sealed class ToolSearchReembedder(ToolSearchDataSource dataSource, PgToolSearchIndex index, ToolSearchOptions options)
{
    private const string Claim = """
        SELECT tenant_id, tool_name, title, description, method, path_template, parameter_names, tags, source_id, status
        FROM coworker.tool_search
        WHERE embedder_id <> @embedder
        ORDER BY tenant_id, tool_name
        LIMIT @limit
        FOR UPDATE SKIP LOCKED
        """;

    private const string Update = """
        UPDATE coworker.tool_search SET embedding = @embedding, embedder_id = @embedder
        WHERE tenant_id = @tenant AND tool_name = @name
        """;

    /// <summary>Rows still embedded by another embedder.</summary>
    public async Task<long> CountPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.DataSource.CreateCommand("SELECT count(*) FROM coworker.tool_search WHERE embedder_id <> @embedder");
        command.Parameters.AddWithValue("embedder", index.EmbedderId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Re-embeds one batch; returns how many rows it did (0 = nothing left, or all claimed by others).</summary>
    public async Task<int> ReembedBatchAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var documents = new List<ToolSearchDocument>();
        await using (var claim = new NpgsqlCommand(Claim, connection, transaction))
        {
            claim.Parameters.AddWithValue("embedder", index.EmbedderId);
            claim.Parameters.AddWithValue("limit", Math.Max(1, options.ReembedBatchSize));
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents.Add(new ToolSearchDocument(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetFieldValue<string[]>(6), reader.GetFieldValue<string[]>(7), reader.GetString(8),
                    reader.GetString(9)));
            }
        }

        if (documents.Count == 0)
        {
            return 0;
        }

        var (vectors, embedderId) = await index.EmbedDocumentsAsync(documents, cancellationToken);
        if (embedderId != index.EmbedderId)
        {
            // The configured embedder is failing: leave the rows as they are and try again later.
            return 0;
        }

        await index.EnsureVectorIndexAsync(vectors[0].Length, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < documents.Count; i++)
        {
            var command = new NpgsqlBatchCommand(Update);
            command.Parameters.AddWithValue("embedding", new Vector(vectors[i]));
            command.Parameters.AddWithValue("embedder", embedderId);
            command.Parameters.AddWithValue("tenant", documents[i].Tenant);
            command.Parameters.AddWithValue("name", documents[i].Name);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return documents.Count;
    }

    /// <summary>Re-embeds until nothing is left; returns the number of rows done.</summary>
    public async Task<int> ReembedAllAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        int done;
        while ((done = await ReembedBatchAsync(cancellationToken)) > 0)
        {
            total += done;
        }

        return total;
    }
}
