using Coworker.Audit;
using NATS.Client.Core;
using NATS.Net;

namespace Coworker.Tests.Infrastructure;

/// <summary>
/// Each test cluster has a service id of its own, and with it its own JetStream audit stream (AuditStream.NamesFor).
/// A fixture deletes its stream when it is done, as it drops its database, so repeated local runs do not pile
/// streams up in the developer's nats-server.
/// </summary>
public static class TestAuditStreams
{
    public static async Task DeleteAsync(string serviceId)
    {
        var (stream, _) = AuditStream.NamesFor(serviceId, new AuditOptions());
        await using var nats = new NatsClient(TestEnvironment.NatsAdminUrl);
        try
        {
            await nats.CreateJetStreamContext().DeleteStreamAsync(stream);
        }
        catch (NatsException)
        {
            // Never created (no event was audited) or already gone: nothing to clean up.
        }
    }
}
