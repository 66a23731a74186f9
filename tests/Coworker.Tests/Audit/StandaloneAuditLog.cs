using Coworker.Audit;
using Microsoft.Extensions.Options;
using NATS.Net;
using Orleans.Configuration;

namespace Coworker.Tests.Audit;

/// <summary>
/// A <see cref="JetStreamAuditLog"/> of its own, outside any cluster, on a stream of its own (a random service id)
/// that nothing consumes: what it published stays in the stream for the test to look at. Disposing stops the log
/// and deletes the stream.
/// </summary>
internal sealed class StandaloneAuditLog : IAsyncDisposable
{
    private StandaloneAuditLog(string natsUrl)
    {
        Nats = new NatsClient(natsUrl);
        var options = Options.Create(new AuditOptions());
        Stream = new AuditStream(Nats, options, Options.Create(new ClusterOptions { ServiceId = $"gc{Guid.NewGuid():N}"[..14] }));
        Log = new JetStreamAuditLog(Stream, TestAuditSigner.Instance, options, TimeProvider.System);
    }

    public NatsClient Nats { get; }

    public AuditStream Stream { get; }

    public JetStreamAuditLog Log { get; }

    public static StandaloneAuditLog Start(string natsUrl) => new(natsUrl);

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        try
        {
            await Stream.JetStream.DeleteStreamAsync(Stream.Name);
        }
        catch (Exception exception) when (exception is NATS.Client.Core.NatsException)
        {
            // Never created (NATS unreachable) or already gone.
        }

        await Nats.DisposeAsync();
    }
}
