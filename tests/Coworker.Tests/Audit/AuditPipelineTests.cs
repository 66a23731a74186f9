using System.Text.Json;
using Coworker.Audit;
using Coworker.Common;
using Coworker.Tenants;
using Coworker.Tests.Infrastructure;
using NATS.Net;

namespace Coworker.Tests.Audit;

/// <summary>Events recorded anywhere in the cluster reach PostgreSQL through JetStream, once each.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditPipelineTests(ClusterFixture cluster)
{
    private IAuditGrain Audit => cluster.Grains.GetGrain<IAuditGrain>(0);

    [Fact]
    public async Task AnEventRecordedThroughTheGrainLandsAsOneRowWithEveryField()
    {
        var tenant = HttpAssertions.UniqueSlug("aud");
        var recorded = AuditTestEvents.ToolCall(tenant, outcome: "http_error");

        await Audit.RecordAsync(recorded);
        await AuditRows.WaitForAsync(cluster.Database, tenant, id: recorded.Id);

        var row = Assert.Single(await AuditRows.ListAsync(cluster.Database, tenant));
        Assert.Equal((1L, recorded.Id, "tool_call", "agent:support-bot", "petstore.listPets", "http_error"),
            (row.Seq, row.Id, row.Kind, row.Actor, row.Target, row.Outcome));
        Assert.Equal(new Dictionary<string, string> { ["status"] = "200", ["duration_ms"] = "12" },
            JsonSerializer.Deserialize<Dictionary<string, string>>(row.Detail));
    }

    [Fact]
    public async Task TheSameEventRecordedTwiceOrRedeliveredIsStoredOnce()
    {
        var tenant = HttpAssertions.UniqueSlug("aud");
        var twice = AuditTestEvents.ToolCall(tenant);

        // Twice through the grain: JetStream drops the second publish (same message id).
        await Audit.RecordAsync(twice);
        await Audit.RecordAsync(twice);
        // And once more straight onto the subject without a message id, as a redelivery after a lost ack would
        // look to the writer: the database recognises the id.
        var stream = AuditSilos.All<AuditStream>(cluster)[0];
        await using (var nats = new NatsClient(TestEnvironment.NatsAdminUrl))
        {
            var (subject, payload) = (stream.SubjectFor(twice), JsonSerializer.SerializeToUtf8Bytes(twice, JetStreamAuditLog.Json));
            var ack = await nats.CreateJetStreamContext().PublishAsync(subject, payload, headers: TestAuditSigner.Instance.HeadersFor(subject, payload));
            Assert.False(ack.Duplicate);
        }

        // A later event of the same tenant: once it is stored, everything before it has been through a writer.
        await AuditRows.WaitForAsync(cluster.Database, tenant, id: twice.Id);
        var after = AuditTestEvents.ToolCall(tenant);
        await Audit.RecordAsync(after);
        await AuditRows.WaitForAsync(cluster.Database, tenant, id: after.Id);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the raw copy may sit in the other silo's batch

        Assert.Equal(1, await AuditRows.CountAsync(cluster.Database, tenant, twice.Id));
        Assert.Equal([1L, 2L], (await AuditRows.ListAsync(cluster.Database, tenant)).Select(r => r.Seq));
        var verification = await cluster.Grains.GetGrain<IAuditQueryGrain>(tenant).VerifyAsync();
        Assert.True(verification.Intact, verification.FirstBreak?.Message);
    }

    [Fact]
    public async Task SiloCodeRecordsThroughTheAuditLogWithoutAGrainHop()
    {
        var tenant = HttpAssertions.UniqueSlug("aud");
        var events = AuditSilos.All<IAuditLog>(cluster)
            .Select((log, silo) => (log, Event: AuditTestEvents.ToolCall(tenant, tool: $"tool-from-silo-{silo}")))
            .ToList();

        foreach (var (log, auditEvent) in events)
        {
            await log.RecordAsync(auditEvent);
        }

        await AuditRows.WaitForAsync(cluster.Database, tenant, ClusterFixture.InitialSilos);
        Assert.Equal(events.Select(e => e.Event.Target).Order(), (await AuditRows.ListAsync(cluster.Database, tenant)).Select(r => r.Target).Order());
    }

    [Fact]
    public async Task EveryTenantChangeBecomesAnAdminChangeEventNamingWhoMadeIt()
    {
        var tenant = HttpAssertions.UniqueSlug("aud");
        RequestContext.Set(CallerContext.ActorKey, "user:auditor@example.com");
        try
        {
            await cluster.Grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Audited", "owner@example.com"));
        }
        finally
        {
            RequestContext.Clear();
        }

        await AuditRows.WaitForAsync(cluster.Database, tenant);
        var created = (await AuditRows.ListAsync(cluster.Database, tenant)).First(r => r.Detail.Contains("\"created\"", StringComparison.Ordinal));
        Assert.Equal(("admin_change", "user:auditor@example.com", $"tenant/{tenant}", "ok"), (created.Kind, created.Actor, created.Target, created.Outcome));
    }

    [Fact]
    public async Task AnAuthenticationFailureIsFiledUnderThePlatformWithTheClaimedTenantOnly()
    {
        var claimed = HttpAssertions.UniqueSlug("aud");
        var failure = AuditEvents.AuthFailure(DateTimeOffset.UtcNow, "GET /api/v1/tenants/x/secrets", "invalid_key", "tenant_key", claimed, "127.0.0.1");

        await Audit.RecordAsync(failure);
        await AuditRows.WaitForAsync(cluster.Database, AuditEvent.PlatformTenant, id: failure.Id);

        Assert.Equal(0, await AuditRows.CountAsync(cluster.Database, claimed));
        var rows = await cluster.Grains.GetGrain<IAuditQueryGrain>(AuditEvent.PlatformTenant)
            .QueryAsync(new AuditQuery(Kind: AuditKinds.AuthFailure, Limit: AuditQuery.MaxLimit));
        var row = Assert.Single(rows, r => r.Id == failure.Id);
        Assert.Equal(("anonymous", "denied", claimed), (row.Actor, row.Outcome, row.Detail["claimed_tenant"]));
    }

    [Theory]
    [InlineData("acme.evil", "tool_call")]
    [InlineData("acme", "tool.call")]
    [InlineData("acme", "Tool Call")]
    public async Task AnEventThatWouldEscapeItsSubjectIsRefused(string tenant, string kind)
    {
        var bad = AuditTestEvents.ToolCall("acme") with { Tenant = tenant, Kind = kind };

        var refused = await Assert.ThrowsAsync<CoworkerException>(() => Audit.RecordAsync(bad));

        Assert.Equal(ErrorKind.Validation, refused.Kind);
    }
}
