using System.Text.Json;
using Coworker.Audit;
using Coworker.Tests.Audit;
using Coworker.Tests.Infrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Net;

namespace Coworker.Tests.Operations;

/// <summary>
/// Whoever may publish on an audit subject (a leaked NATS password; here the admin user) still cannot get an event
/// into a tenant's audit log: the writers store only what a silo signed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ForgedAuditEventTests(ClusterFixture cluster)
{
    private IAuditGrain Audit => cluster.Grains.GetGrain<IAuditGrain>(0);

    [Fact]
    public async Task AnAuditEventNoSiloSignedIsNeitherStoredNorChainedAndTheLogStaysIntact()
    {
        var tenant = HttpAssertions.UniqueSlug("forge");
        var stream = AuditSilos.All<AuditStream>(cluster)[0];
        var genuine = AuditTestEvents.ToolCall(tenant, tool: "genuine");
        await Audit.RecordAsync(genuine);
        // Stored before anything else is sent: two silos write the stream, so only waiting fixes the order of seqs.
        await AuditRows.WaitForAsync(cluster.Database, tenant, id: genuine.Id);

        var unsigned = AuditTestEvents.ToolCall(tenant, tool: "forged-unsigned", outcome: "ok-but-forged");
        var otherKey = AuditTestEvents.ToolCall(tenant, tool: "forged-other-key", outcome: "ok-but-forged");
        var garbled = AuditTestEvents.ToolCall(tenant, tool: "forged-garbled", outcome: "ok-but-forged");
        var anotherDeployment = TestAuditSigner.For(Convert.ToBase64String(Enumerable.Range(100, 32).Select(b => (byte)b).ToArray()));
        await using var nats = new NatsClient(TestEnvironment.NatsAdminUrl);
        var js = nats.CreateJetStreamContext();
        ulong lastForged = 0;
        foreach (var (forged, headers) in new (AuditEvent, Func<string, byte[], NatsHeaders?>)[]
        {
            (unsigned, (_, _) => null),
            (otherKey, (subject, payload) => anotherDeployment.HeadersFor(subject, payload)),
            (garbled, (_, _) => new NatsHeaders { [AuditSigner.Header] = "1:not-a-signature" }),
        })
        {
            var (subject, payload) = (stream.SubjectFor(forged), JsonSerializer.SerializeToUtf8Bytes(forged, JetStreamAuditLog.Json));
            var ack = await js.PublishAsync(subject, payload, headers: headers(subject, payload));
            ack.EnsureSuccess();
            lastForged = Math.Max(lastForged, ack.Seq);
        }

        // The writers share one durable consumer: once its ack floor passes the forged messages, every writer is
        // done with them (dropped, or stored), whichever silo took them.
        var consumer = AuditSilos.All<Microsoft.Extensions.Options.IOptions<AuditOptions>>(cluster)[0].Value.Consumer;
        await Cluster.Eventually.ReachAsync(async () => (await js.GetConsumerAsync(stream.Name, consumer)).Info.AckFloor.StreamSeq,
            floor => floor >= lastForged, TimeSpan.FromSeconds(30), "the audit writers acknowledging the forged messages");
        var later = AuditTestEvents.ToolCall(tenant, tool: "later");
        await Audit.RecordAsync(later);
        await AuditRows.WaitForAsync(cluster.Database, tenant, id: later.Id);

        var rows = await AuditRows.ListAsync(cluster.Database, tenant);
        Assert.Equal([(1L, genuine.Id), (2L, later.Id)], rows.Select(r => (r.Seq, r.Id)));
        Assert.DoesNotContain(rows, r => r.Outcome == "ok-but-forged");
        var verification = await cluster.Grains.GetGrain<IAuditQueryGrain>(tenant).VerifyAsync();
        Assert.True(verification.Intact, verification.FirstBreak?.Message);
    }
}
