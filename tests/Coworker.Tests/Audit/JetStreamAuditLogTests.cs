using System.Net;
using System.Net.Sockets;
using Coworker.Audit;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Audit;

/// <summary>
/// What a caller of <see cref="IAuditLog"/> sees when JetStream does not acknowledge, and when the silo stops: the
/// group-commit publisher on real NATS, without a cluster.
/// </summary>
public sealed class JetStreamAuditLogTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EveryEventOfABatchIsRefusedAsUnavailableWhileNatsIsUnreachable()
    {
        await using var audit = StandaloneAuditLog.Start($"nats://127.0.0.1:{UnusedPort()}");
        var events = Enumerable.Range(0, 50).Select(i => AuditTestEvents.ToolCall("acme", tool: $"tool-{i}")).ToList();

        var calls = events.Select(e => audit.Log.RecordAsync(e).AsTask()).ToList();
        await Task.WhenAny(Task.WhenAll(calls), Task.Delay(Patience));

        // Each caller learns that its event is not recorded (so it can fail its action or retry), none hangs.
        Assert.All(calls, call => Assert.IsType<AuditUnavailableException>(Assert.IsType<AggregateException>(call.Exception).InnerException));
    }

    [Fact]
    public async Task AStreamDeletedUnderTheLogFailsTheNextEventAndIsCreatedAgainForTheOneAfter()
    {
        await using var audit = StandaloneAuditLog.Start(TestEnvironment.NatsUrl);
        await audit.Log.RecordAsync(AuditTestEvents.ToolCall("acme"));

        await audit.Stream.JetStream.DeleteStreamAsync(audit.Stream.Name);
        var refused = await Assert.ThrowsAsync<AuditUnavailableException>(() => audit.Log.RecordAsync(AuditTestEvents.ToolCall("acme")).AsTask());
        await audit.Log.RecordAsync(AuditTestEvents.ToolCall("acme"));

        Assert.Equal("The audit stream is not available; the event was not recorded.", refused.Message);
        var stream = await audit.Stream.JetStream.GetStreamAsync(audit.Stream.Name);
        Assert.Equal(1L, stream.Info.State.Messages);
    }

    [Fact]
    public async Task StoppingTheLogPublishesWhatIsQueuedAndRefusesWhatComesAfter()
    {
        await using var audit = StandaloneAuditLog.Start(TestEnvironment.NatsUrl);
        await using var tap = await AuditSubjectTap.StartAsync($"{audit.Stream.SubjectPrefix}.>");
        var events = Enumerable.Range(0, 200).Select(i => AuditTestEvents.ToolCall(i % 2 == 0 ? "acme" : "globex", tool: $"tool-{i}")).ToList();

        var calls = events.Select(e => audit.Log.RecordAsync(e).AsTask()).ToList();
        await audit.Log.DisposeAsync();

        // The silo is stopping, but what was already handed over is published and acknowledged before it goes.
        await Task.WhenAll(calls).WaitAsync(Patience);
        var published = await tap.CollectAsync(events.Count, Patience);
        Assert.Equal(events.Select(e => e.Id).Order(), published.SelectMany(AuditSubjectTap.Carried).Select(e => e.Id).Order());
        var late = await Assert.ThrowsAsync<AuditUnavailableException>(() => audit.Log.RecordAsync(AuditTestEvents.ToolCall("acme")).AsTask());
        Assert.Contains("shutting down", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallerThatIsAlreadyCancelledRecordsNothing()
    {
        await using var audit = StandaloneAuditLog.Start(TestEnvironment.NatsUrl);
        await using var tap = await AuditSubjectTap.StartAsync($"{audit.Stream.SubjectPrefix}.>");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => audit.Log.RecordAsync(AuditTestEvents.ToolCall("acme"), new CancellationToken(canceled: true)).AsTask());
        var recorded = AuditTestEvents.ToolCall("acme");
        await audit.Log.RecordAsync(recorded);

        Assert.Equal([recorded.Id], (await tap.CollectAsync(1, Patience)).SelectMany(AuditSubjectTap.Carried).Select(e => e.Id));
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
