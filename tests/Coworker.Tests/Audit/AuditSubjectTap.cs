using System.Diagnostics;
using System.Text.Json;
using Coworker.Audit;
using Coworker.Tests.Infrastructure;
using NATS.Client.Core;
using NATS.Net;

namespace Coworker.Tests.Audit;

/// <summary>
/// Sees what the silos publish on audit subjects: a core NATS subscription receives every message JetStream stores
/// under its subject, before any writer has consumed it, so a test can count messages and read their shape.
/// </summary>
internal sealed class AuditSubjectTap : IAsyncDisposable
{
    private readonly NatsClient _nats;
    private readonly INatsSub<byte[]> _subscription;

    private AuditSubjectTap(NatsClient nats, INatsSub<byte[]> subscription)
    {
        _nats = nats;
        _subscription = subscription;
    }

    public static async Task<AuditSubjectTap> StartAsync(string subjects)
    {
        var nats = new NatsClient(TestEnvironment.NatsAdminUrl);
        var subscription = await nats.Connection.SubscribeCoreAsync<byte[]>(subjects);
        // The round trip guarantees the server has the subscription before anything is published.
        await nats.PingAsync();
        return new AuditSubjectTap(nats, subscription);
    }

    /// <summary>How many events a message carries: a JSON array is a batch, an object one event.</summary>
    public static int EventsIn(NatsMsg<byte[]> message) => Carried(message).Count;

    /// <summary>The events a message carries, either shape.</summary>
    public static List<AuditEvent> Carried(NatsMsg<byte[]> message)
    {
        using var json = JsonDocument.Parse(message.Data);
        return json.RootElement.ValueKind == JsonValueKind.Array
            ? json.RootElement.Deserialize<List<AuditEvent>>(JetStreamAuditLog.Json)!
            : [json.RootElement.Deserialize<AuditEvent>(JetStreamAuditLog.Json)!];
    }

    /// <summary>
    /// Collects messages (those whose subject <paramref name="keep"/> accepts, if given) until they carry
    /// <paramref name="events"/> events; fails after the timeout.
    /// </summary>
    public async Task<List<NatsMsg<byte[]>>> CollectAsync(int events, TimeSpan timeout, Func<string, bool>? keep = null)
    {
        var messages = new List<NatsMsg<byte[]>>();
        var seen = 0;
        var clock = Stopwatch.StartNew();
        while (seen < events)
        {
            using var wait = new CancellationTokenSource(timeout - clock.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero);
            try
            {
                var message = await _subscription.Msgs.ReadAsync(wait.Token);
                if (keep is not null && !keep(message.Subject))
                {
                    continue;
                }

                messages.Add(message);
                seen += EventsIn(message);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"only {seen} of {events} audit events were published within {timeout.TotalSeconds} s");
            }
        }

        return messages;
    }

    /// <summary>Whatever else has arrived by now (a message beyond those expected would show here).</summary>
    public List<NatsMsg<byte[]>> Rest()
    {
        var rest = new List<NatsMsg<byte[]>>();
        while (_subscription.Msgs.TryRead(out var message))
        {
            rest.Add(message);
        }

        return rest;
    }

    public async ValueTask DisposeAsync()
    {
        await _subscription.DisposeAsync();
        await _nats.DisposeAsync();
    }
}
