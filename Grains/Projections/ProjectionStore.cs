using Coworker.Agents;
using Coworker.Listings;
using Coworker.Tenants;
using Npgsql;

namespace Coworker.Projections;

/// <summary>
/// Writes and reads the listing tables (coworker.tenants, coworker.agents). Grains own the truth;
/// these rows are projections of it, upserted after each state write, so listings need no fan-out.
/// </summary>
public sealed class ProjectionStore(NpgsqlDataSource dataSource)
{
    private readonly NpgsqlDataSource _dataSource = dataSource;

    public async Task UpsertTenantAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO coworker.tenants (id, display_name, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.Add(new() { Value = tenant.Id });
        command.Parameters.Add(new() { Value = tenant.DisplayName });
        command.Parameters.Add(new() { Value = tenant.Status.ToString() });
        command.Parameters.Add(new() { Value = tenant.CreatedAt });
        command.Parameters.Add(new() { Value = tenant.UpdatedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task UpsertAgentAsync(AgentInfo agent, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO coworker.agents (tenant_id, agent_id, name, status, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (tenant_id, agent_id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
            """);
        command.Parameters.Add(new() { Value = agent.Tenant });
        command.Parameters.Add(new() { Value = agent.Id });
        command.Parameters.Add(new() { Value = agent.Config.Name });
        command.Parameters.Add(new() { Value = agent.Status.ToString() });
        command.Parameters.Add(new() { Value = agent.CreatedAt });
        command.Parameters.Add(new() { Value = agent.UpdatedAt });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TenantSummary>> ListTenantsAsync(int limit, string? after, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT id, display_name, status, created_at FROM coworker.tenants WHERE id > $1 ORDER BY id LIMIT $2");
        command.Parameters.Add(new() { Value = after ?? string.Empty });
        command.Parameters.Add(new() { Value = limit });
        var result = new List<TenantSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new TenantSummary(
                reader.GetString(0), reader.GetString(1), Enum.Parse<TenantStatus>(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return result;
    }

    public async Task<IReadOnlyList<AgentSummary>> ListAgentsAsync(string tenant, int limit, string? after, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT agent_id, name, status, updated_at FROM coworker.agents
            WHERE tenant_id = $1 AND agent_id > $2 ORDER BY agent_id LIMIT $3
            """);
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = after ?? string.Empty });
        command.Parameters.Add(new() { Value = limit });
        var result = new List<AgentSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new AgentSummary(
                tenant, reader.GetString(0), reader.GetString(1), Enum.Parse<AgentStatus>(reader.GetString(2)),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return result;
    }

}
