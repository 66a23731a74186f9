using System.Text;
using System.Text.Json;
using Coworker.Audit;
using Coworker.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using NATS.Net;
using Orleans.Configuration;

namespace Coworker.Tests.Audit;

/// <summary>How queued events are cut into JetStream messages, and how the writer reads them back.</summary>
public sealed class AuditMessagesTests
{
    [Fact]
    public void TenantsNeverShareAMessageAndEachKeepsItsOrder()
    {
        var drained = Enumerable.Range(0, 9).Select(i => Pending(AuditTestEvents.ToolCall(i % 3 == 0 ? "acme" : "globex", tool: $"t{i}"))).ToList();

        var messages = AuditMessages.Split(drained, maxEvents: 500, maxBytes: 512 * 1024).ToList();

        Assert.Equal(2, messages.Count);
        Assert.Equal(["t0", "t3", "t6"], messages[0].Select(p => p.Event.Target));
        Assert.Equal(["t1", "t2", "t4", "t5", "t7", "t8"], messages[1].Select(p => p.Event.Target));
    }

    [Fact]
    public void AMessageIsCutAtTheEventCapAndAtTheByteCap()
    {
        var drained = Enumerable.Range(0, 1_201).Select(i => Pending(AuditTestEvents.ToolCall("acme", tool: $"t{i}"))).ToList();
        var size = drained[0].Json.Length + 1;

        Assert.Equal([500, 500, 201], AuditMessages.Split(drained, maxEvents: 500, maxBytes: 512 * 1024).Select(m => m.Count));
        var byBytes = AuditMessages.Split(drained, maxEvents: 500, maxBytes: 1 + (10 * size) + 5).ToList();
        Assert.All(byBytes, m => Assert.True(AuditMessages.ArrayOf(m).Length <= 1 + (10 * size) + 5));
        Assert.Equal(drained.Select(p => p.Event.Id), byBytes.SelectMany(m => m).Select(p => p.Event.Id));
    }

    [Fact]
    public void AnEventLargerThanTheByteCapStillGoesAlone()
    {
        var big = AuditTestEvents.ToolCall("acme") with
        {
            Detail = Enumerable.Range(0, 60).ToDictionary(i => $"k{i}", _ => new string('x', 1000)),
        };
        var drained = new[] { AuditTestEvents.ToolCall("acme"), big, AuditTestEvents.ToolCall("acme") }.Select(Pending).ToList();

        Assert.Equal([1, 1, 1], AuditMessages.Split(drained, maxEvents: 500, maxBytes: 4_096).Select(m => m.Count));
    }

    [Fact]
    public void TheWriterReadsBothShapesOnlyUnderTheirTenantsSubject()
    {
        var stream = StreamNamed("coworker.audit-unit");
        var acme = new[] { AuditTestEvents.ToolCall("acme"), AuditTestEvents.ToolCall("acme") };
        var batch = AuditMessages.ArrayOf(acme.Select(Pending).ToList());
        var single = JsonSerializer.SerializeToUtf8Bytes(acme[0], JetStreamAuditLog.Json);

        Assert.Equal(acme.Select(e => e.Id), Read("coworker.audit-unit.acme._batch", batch)!.Select(e => e.Id));
        Assert.Equal([acme[0].Id], Read("coworker.audit-unit.acme.tool_call", single)!.Select(e => e.Id));
        Assert.Null(Read("coworker.audit-unit.globex._batch", batch));
        Assert.Null(Read("coworker.audit-unit.acme.tool_call", batch));
        Assert.Null(Read("coworker.audit-unit.acme._batch", single));
        Assert.Null(Read("coworker.audit-unit.acme._batch", "[]"u8.ToArray()));
        Assert.Null(Read("coworker.audit-unit.acme._batch", "[null]"u8.ToArray()));
        Assert.Null(Read("coworker.audit-unit.acme._batch", Encoding.UTF8.GetBytes("[{\"id\":")));
        var mixed = AuditMessages.ArrayOf([Pending(AuditTestEvents.ToolCall("acme")), Pending(AuditTestEvents.ToolCall("globex"))]);
        Assert.Null(Read("coworker.audit-unit.acme._batch", mixed));

        IReadOnlyList<AuditEvent>? Read(string subject, byte[] data) =>
            AuditMessageReader.Read(subject, data, stream, TimeProvider.System, out _);
    }

    private static PendingAuditEvent Pending(AuditEvent auditEvent) =>
        new(auditEvent, JsonSerializer.SerializeToUtf8Bytes(AuditEventNormalizer.Normalize(auditEvent, TimeProvider.System), JetStreamAuditLog.Json));

    // Building an AuditStream does not connect to NATS; the reader only uses its subject names.
    private static AuditStream StreamNamed(string prefix) =>
        new(new NatsClient(TestEnvironment.NatsUrl), Options.Create(new AuditOptions { SubjectPrefix = prefix }), Options.Create(new ClusterOptions()));
}
