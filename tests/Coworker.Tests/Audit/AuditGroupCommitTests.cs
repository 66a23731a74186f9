using System.Text.Json;
using Coworker.Audit;
using Coworker.Tests.Infrastructure;
using NATS.Client.JetStream;
using NATS.Net;
using Xunit.Abstractions;

namespace Coworker.Tests.Audit;

/// <summary>
/// Group commit: events recorded at the same time share JetStream messages (one tenant per message), a lone event
/// goes at once in the shape it always had, and the writer stores every event once, whichever shape carried it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditGroupCommitTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private IAuditGrain Audit => cluster.Grains.GetGrain<IAuditGrain>(0);

    private AuditStream Stream => AuditSilos.All<AuditStream>(cluster)[0];

    [Fact]
    public async Task ConcurrentCallsShareJetStreamMessagesAndEveryEventIsStoredOnce()
    {
        const int perTenant = 250;
        var tenants = new[] { HttpAssertions.UniqueSlug("grp"), HttpAssertions.UniqueSlug("grp") };
        var logs = AuditSilos.All<IAuditLog>(cluster);
        var events = Enumerable.Range(0, perTenant * tenants.Length)
            .Select(i => AuditTestEvents.ToolCall(tenants[i % tenants.Length], tool: $"tool-{i}"))
            .ToList();
        await using var tap = await AuditSubjectTap.StartAsync($"{Stream.SubjectPrefix}.*.*");

        // Every call answers only once JetStream has acknowledged its event.
        await Task.WhenAll(events.Select((e, i) => logs[i % logs.Count].RecordAsync(e).AsTask()));

        var messages = await tap.CollectAsync(events.Count, AuditRows.LandingTimeout,
            keep: subject => tenants.Any(t => subject.StartsWith($"{Stream.SubjectPrefix}.{t}.", StringComparison.Ordinal)));
        output.WriteLine($"{events.Count} events in {messages.Count} messages (largest {messages.Max(AuditSubjectTap.EventsIn)})");
        Assert.True(messages.Count <= events.Count / 5, $"{events.Count} events took {messages.Count} messages");
        foreach (var message in messages)
        {
            var carried = AuditSubjectTap.Carried(message);
            // The tenant stays in every subject: a message never mixes tenants.
            Assert.All(carried, e => Assert.Equal(carried[0].Tenant, e.Tenant));
            Assert.Equal(carried.Count == 1 ? Stream.SubjectFor(carried[0]) : Stream.BatchSubjectFor(carried[0].Tenant), message.Subject);
        }

        Assert.Equal(events.Select(e => e.Id).Order(), messages.SelectMany(AuditSubjectTap.Carried).Select(e => e.Id).Order());
        foreach (var tenant in tenants)
        {
            await AuditRows.WaitForAsync(cluster.Database, tenant, perTenant);
            var rows = await AuditRows.ListAsync(cluster.Database, tenant);
            Assert.Equal(events.Where(e => e.Tenant == tenant).Select(e => e.Id).Order(), rows.Select(r => r.Id).Order());
            Assert.Equal(Enumerable.Range(1, perTenant).Select(i => (long)i), rows.Select(r => r.Seq));
            var verification = await cluster.Grains.GetGrain<IAuditQueryGrain>(tenant).VerifyAsync();
            Assert.True(verification.Intact, verification.FirstBreak?.ToString());
        }
    }

    [Fact]
    public async Task ASingleEventIsPublishedAloneWithoutWaitingForABatch()
    {
        var tenant = HttpAssertions.UniqueSlug("grp");
        var recorded = AuditTestEvents.ToolCall(tenant);
        await using var tap = await AuditSubjectTap.StartAsync($"{Stream.SubjectPrefix}.{tenant}.>");

        await Audit.RecordAsync(recorded);

        // Nothing else was recorded for it to wait for: it went alone, as a plain event object on its kind's subject
        // with its own id as message id (so JetStream still drops it if it is recorded again).
        var message = Assert.Single(await tap.CollectAsync(1, AuditRows.LandingTimeout));
        Assert.Equal(Stream.SubjectFor(recorded), message.Subject);
        Assert.Equal(recorded.Id.ToString("N"), message.Headers?["Nats-Msg-Id"].ToString());
        Assert.Equal(recorded.Id, JsonSerializer.Deserialize<AuditEvent>(message.Data, JetStreamAuditLog.Json)!.Id);
        await AuditRows.WaitForAsync(cluster.Database, tenant, id: recorded.Id);
        Assert.Empty(tap.Rest());
    }

    [Fact]
    public async Task OldSingleEventMessagesAreStillWritten()
    {
        var tenant = HttpAssertions.UniqueSlug("grp");
        var old = Enumerable.Range(1, 3).Select(i => AuditTestEvents.ToolCall(tenant, tool: $"old-{i}")).ToList();

        // What a silo from before group commit left in the stream: one event object per message, on {tenant}.{kind}.
        await using (var nats = new NatsClient(TestEnvironment.NatsAdminUrl))
        {
            var js = nats.CreateJetStreamContext();
            foreach (var auditEvent in old)
            {
                var (subject, payload) = (Stream.SubjectFor(auditEvent), JsonSerializer.SerializeToUtf8Bytes(auditEvent, JetStreamAuditLog.Json));
                var ack = await js.PublishAsync(subject, payload, headers: TestAuditSigner.Instance.HeadersFor(subject, payload));
                ack.EnsureSuccess();
            }
        }

        await AuditRows.WaitForAsync(cluster.Database, tenant, old.Count);
        var rows = await AuditRows.ListAsync(cluster.Database, tenant);
        Assert.Equal(old.Select(e => (e.Id, e.Target)).OrderBy(e => e.Id), rows.Select(r => (r.Id, r.Target)).OrderBy(e => e.Id));
        var verification = await cluster.Grains.GetGrain<IAuditQueryGrain>(tenant).VerifyAsync();
        Assert.True(verification.Intact, verification.FirstBreak?.ToString());
    }

    [Fact]
    public async Task ABatchHidingAnotherTenantsEventIsRefusedWhole()
    {
        var tenant = HttpAssertions.UniqueSlug("grp");
        var victim = HttpAssertions.UniqueSlug("grp");
        var forged = new[] { AuditTestEvents.ToolCall(tenant), AuditTestEvents.ToolCall(victim) };

        // A batch under one tenant's subject must not write into another tenant's chain.
        await using (var nats = new NatsClient(TestEnvironment.NatsAdminUrl))
        {
            // Signed as a silo would: the writer refuses it for its contents, not for want of a signature.
            var (subject, payload) = (Stream.BatchSubjectFor(tenant), JsonSerializer.SerializeToUtf8Bytes(forged, JetStreamAuditLog.Json));
            var ack = await nats.CreateJetStreamContext().PublishAsync(subject, payload, headers: TestAuditSigner.Instance.HeadersFor(subject, payload));
            ack.EnsureSuccess();
        }

        // A later event of the tenant: once it is stored, the forged message has been through a writer.
        var later = AuditTestEvents.ToolCall(tenant);
        await Audit.RecordAsync(later);
        await AuditRows.WaitForAsync(cluster.Database, tenant, id: later.Id);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the forged message may sit in the other silo's batch

        Assert.Equal(0, await AuditRows.CountAsync(cluster.Database, victim));
        Assert.Equal([later.Id], (await AuditRows.ListAsync(cluster.Database, tenant)).Select(r => r.Id));
    }
}
