using System.Diagnostics;
using Coworker.Audit;
using Coworker.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace Coworker.Tests.Audit;

/// <summary>The per-tenant hash chain: intact under concurrent writers, and tampering shows at the tampered row.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditChainTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private IAuditGrain Audit => cluster.Grains.GetGrain<IAuditGrain>(0);

    [Fact]
    public async Task AChainThatVerifiesReportsTheRowTamperedWithAsItsFirstBrokenLink()
    {
        var tenant = HttpAssertions.UniqueSlug("chain");
        var events = Enumerable.Range(1, 5).Select(i => AuditTestEvents.ToolCall(tenant, tool: $"tool-{i}")).ToList();
        foreach (var auditEvent in events)
        {
            await Audit.RecordAsync(auditEvent);
        }

        await AuditRows.WaitForAsync(cluster.Database, tenant, events.Count);
        var grain = cluster.Grains.GetGrain<IAuditQueryGrain>(tenant);
        var intact = await grain.VerifyAsync();
        Assert.True(intact.Intact, intact.FirstBreak?.Message);
        Assert.Equal(5, intact.EventsChecked);

        var third = (await AuditRows.ListAsync(cluster.Database, tenant)).Single(r => r.Seq == 3);
        await AuditRows.TamperAsync(cluster.Database.ConnectionString, tenant, 3, "ok-but-forged");

        var broken = await grain.VerifyAsync();
        Assert.False(broken.Intact);
        var link = broken.FirstBreak!;
        Assert.Equal((tenant, 3L, third.Id, "hash_mismatch"), (link.Tenant, link.Seq, link.EventId, link.Problem));
        Assert.NotEqual(link.Expected, link.Found);
        var stored = await grain.QueryAsync(new AuditQuery(After: 2, Limit: 1));
        Assert.Equal(stored.Single().Hash, link.Found);
    }

    [Fact]
    public async Task ManyTasksRecordingOnBothSilosLeaveEveryTenantWithOneContiguousValidChain()
    {
        const int tenantCount = 6;
        const int perTenant = 300;
        var tenants = Enumerable.Range(0, tenantCount).Select(_ => HttpAssertions.UniqueSlug("conc")).ToList();
        var logs = AuditSilos.All<IAuditLog>(cluster);
        Assert.Equal(ClusterFixture.InitialSilos, logs.Count);

        var clock = Stopwatch.StartNew();
        // Half through the grain from the client, half through each silo's own audit log, interleaved from 24 tasks.
        await Parallel.ForEachAsync(Enumerable.Range(0, tenantCount * perTenant), new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (i, _) =>
        {
            var auditEvent = AuditTestEvents.ToolCall(tenants[i % tenantCount], tool: $"tool-{i}");
            if (i % 2 == 0)
            {
                await Audit.RecordAsync(auditEvent);
            }
            else
            {
                await logs[i / 2 % logs.Count].RecordAsync(auditEvent);
            }
        });
        var published = clock.Elapsed;
        foreach (var tenant in tenants)
        {
            await AuditRows.WaitForAsync(cluster.Database, tenant, perTenant, timeout: TimeSpan.FromSeconds(90));
        }

        var landed = clock.Elapsed;
        output.WriteLine($"{tenantCount * perTenant} events: published (acked) in {published.TotalMilliseconds:F0} ms " +
            $"({tenantCount * perTenant / published.TotalSeconds:F0}/s), all in PostgreSQL after {landed.TotalMilliseconds:F0} ms " +
            $"({tenantCount * perTenant / landed.TotalSeconds:F0}/s end to end)");

        foreach (var tenant in tenants)
        {
            var rows = await AuditRows.ListAsync(cluster.Database, tenant);
            Assert.Equal(Enumerable.Range(1, perTenant).Select(i => (long)i), rows.Select(r => r.Seq));
            Assert.Equal(perTenant, rows.Select(r => r.Id).Distinct().Count());
            var verification = await cluster.Grains.GetGrain<IAuditQueryGrain>(tenant).VerifyAsync();
            Assert.True(verification.Intact, verification.FirstBreak?.ToString());
        }
    }

    [Theory]
    [InlineData("UPDATE coworker.audit_events SET outcome = 'ok' WHERE tenant_id = @tenant")]
    [InlineData("DELETE FROM coworker.audit_events WHERE tenant_id = @tenant")]
    [InlineData("TRUNCATE coworker.audit_events")]
    public async Task TheApplicationCannotChangeOrRemoveAuditRows(string sql)
    {
        var tenant = HttpAssertions.UniqueSlug("imm");
        var auditEvent = AuditTestEvents.ToolCall(tenant, outcome: "denied");
        await Audit.RecordAsync(auditEvent);
        await AuditRows.WaitForAsync(cluster.Database, tenant, id: auditEvent.Id);

        // The connection the silos use (in local development a superuser: the trigger stops it even so).
        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("tenant", tenant);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("append-only", refused.MessageText);
        var row = Assert.Single(await AuditRows.ListAsync(cluster.Database, tenant));
        Assert.Equal("denied", row.Outcome);
    }

    [Fact]
    public async Task TheProductionApplicationRoleMayAppendAndReadButNotChange()
    {
        var tenant = HttpAssertions.UniqueSlug("role");
        var auditEvent = AuditTestEvents.ToolCall(tenant);
        await Audit.RecordAsync(auditEvent);
        await AuditRows.WaitForAsync(cluster.Database, tenant, id: auditEvent.Id);

        await using var connection = new NpgsqlConnection(cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute("SET LOCAL ROLE coworker_app");
        Assert.Equal(1L, await Scalar("SELECT count(*) FROM coworker.audit_events WHERE tenant_id = @tenant"));
        await Execute("""
            INSERT INTO coworker.audit_events (id, tenant_id, seq, at, kind, actor, target, outcome, detail, prev_hash, hash)
            VALUES (gen_random_uuid(), @tenant, 2, now(), 'tool_call', 'x', 'y', 'ok', '{}', decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))
            """);
        await Execute("SAVEPOINT before_update");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute("UPDATE coworker.audit_events SET outcome = 'x' WHERE tenant_id = @tenant"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("permission denied", refused.MessageText);
        await transaction.RollbackAsync();

        async Task Execute(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("tenant", tenant);
            await command.ExecuteNonQueryAsync();
        }

        async Task<object?> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("tenant", tenant);
            return await command.ExecuteScalarAsync();
        }
    }
}
