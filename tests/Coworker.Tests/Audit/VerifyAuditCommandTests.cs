using Coworker.Audit;
using Coworker.Storage;
using Coworker.Tests.Deployment;
using Coworker.Tests.Infrastructure;
using Npgsql;

namespace Coworker.Tests.Audit;

/// <summary>`coworker verify-audit`, run as a real process against PostgreSQL: exit 0 intact, 3 broken, one line.</summary>
[Collection(ClusterCollection.Name)]
public sealed class VerifyAuditCommandTests(ClusterFixture cluster)
{
    private const string ConnectionVariable = "ConnectionStrings__Postgres";

    [Fact]
    public async Task ATenantsIntactChainExitsZeroAndATamperedOneExitsThreeNamingTheRow()
    {
        var tenant = HttpAssertions.UniqueSlug("cli");
        var audit = cluster.Grains.GetGrain<IAuditGrain>(0);
        var events = Enumerable.Range(1, 4).Select(i => AuditTestEvents.ToolCall(tenant, tool: $"tool-{i}")).ToList();
        foreach (var auditEvent in events)
        {
            await audit.RecordAsync(auditEvent);
        }

        await AuditRows.WaitForAsync(cluster.Database, tenant, events.Count);

        var intact = await VerifyAsync("--tenant", tenant, "--connection", cluster.Database.ConnectionString);
        Assert.Equal(0, intact.ExitCode);
        Assert.Equal($"audit chain intact: 4 events in 1 tenant (tenant {tenant}).", intact.Output.Trim());

        var second = (await AuditRows.ListAsync(cluster.Database, tenant)).Single(r => r.Seq == 2);
        await AuditRows.TamperAsync(cluster.Database.ConnectionString, tenant, 2, "error");
        var broken = await VerifyAsync("--tenant", tenant, "--connection", cluster.Database.ConnectionString);

        Assert.Equal(3, broken.ExitCode);
        var line = Assert.Single(broken.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"audit chain BROKEN at tenant {tenant}, seq 2, event {second.Id}: row 2 does not match its hash", line);
        Assert.Contains("(expected ", line);
    }

    [Fact]
    public async Task WithoutATenantEveryChainIsCheckedAndTheBrokenTenantIsNamed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new SchemaMigrator(database.ConnectionString).MigrateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var store = new AuditBatchStore(dataSource, new AuditPartitions(dataSource));
        // Straight through the writer's store, two tenants interleaved in one batch, one event in last year.
        var batch = Enumerable.Range(0, 10)
            .Select(i => AuditTestEvents.ToolCall(i % 2 == 0 ? "alpha" : "beta", at: i == 0 ? DateTimeOffset.UtcNow.AddYears(-1) : null))
            .ToList();
        Assert.Equal(10, await store.WriteAsync(batch, CancellationToken.None));
        Assert.Equal(0, await store.WriteAsync(batch, CancellationToken.None)); // a redelivered batch adds nothing

        var intact = await VerifyAsync("--connection", database.ConnectionString);
        Assert.Equal(0, intact.ExitCode);
        Assert.Equal("audit chain intact: 10 events in 2 tenants (all tenants).", intact.Output.Trim());

        await AuditRows.TamperAsync(database.ConnectionString, "beta", 4, "denied");
        var broken = await VerifyAsync("--connection", database.ConnectionString);
        Assert.Equal(3, broken.ExitCode);
        Assert.StartsWith("audit chain BROKEN at tenant beta, seq 4,", broken.Output.Trim());
    }

    [Fact]
    public async Task WithoutAConnectionStringItSaysHowToGiveOneAndExitsTwo()
    {
        var result = await CoworkerCli.RunAsync(new Dictionary<string, string?> { [ConnectionVariable] = null }, "verify-audit");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--connection", result.Error);
        Assert.DoesNotContain("   at ", result.Error + result.Output);
    }

    [Fact]
    public async Task AnUnreachableDatabaseFailsInOneLineWithoutShowingThePassword()
    {
        var result = await VerifyAsync("--connection", "Host=127.0.0.1;Port=1;Username=ops;Password=hunter2-secret;Database=coworker;Timeout=5");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot reach PostgreSQL", result.Error);
        Assert.DoesNotContain("hunter2-secret", result.Error + result.Output);
        Assert.DoesNotContain("   at ", result.Error + result.Output);
    }

    [Fact]
    public async Task ADatabaseWithoutTheSchemaIsToldToMigrateFirst()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await VerifyAsync("--connection", database.ConnectionString);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("coworker migrate", result.Error);
    }

    private static Task<CoworkerCli.Result> VerifyAsync(params string[] args) =>
        CoworkerCli.RunAsync(new Dictionary<string, string?> { [ConnectionVariable] = null }, ["verify-audit", .. args]);
}
