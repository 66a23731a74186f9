using System.Text.Json;
using Coworker.Events;
using Coworker.Tests.Infrastructure;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace Coworker.Tests.Gateway;

[Collection(GatewayCollection.Name)]
public sealed class LifecycleEventTests(GatewayFixture gateway)
{
    [Fact]
    public async Task LifecycleEventsLandInJetStreamUnderTheTenantsSubject()
    {
        var scenario = await TenantScenario.CreateAsync(gateway, "ev");
        await scenario.CreateAgentAsync(gateway, "emitter");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        (await owner.PostAsync($"/api/v1/tenants/{scenario.Tenant}/agents/emitter/start", null)).EnsureSuccessStatusCode();
        (await owner.PostAsync($"/api/v1/tenants/{scenario.Tenant}/agents/emitter/terminate", null)).EnsureSuccessStatusCode();

        await using var nats = new NatsClient(TestEnvironment.NatsAdminUrl);
        var jetStream = nats.CreateJetStreamContext();
        // Read the whole stream and keep this tenant's subjects: nats-server 2.9 (Debian 12) rejects the
        // filtered consumer-create request NATS.Net 3 sends, and the stream only holds test-sized volumes.
        var consumer = await jetStream.CreateOrderedConsumerAsync(EventPublisher.StreamName,
            new NATS.Client.JetStream.NatsJSOrderedConsumerOpts { DeliverPolicy = ConsumerConfigDeliverPolicy.All });
        var prefix = $"coworker.events.{scenario.Tenant}.";
        var seen = new List<(string Subject, string Actor)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: timeout.Token))
        {
            if (!message.Subject.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var body = JsonDocument.Parse(message.Data!);
            Assert.Equal(scenario.Tenant, body.RootElement.GetProperty("tenant").GetString());
            seen.Add((message.Subject, body.RootElement.GetProperty("actor").GetString()!));
            if (message.Subject.EndsWith(".agent.terminated", StringComparison.Ordinal))
            {
                break;
            }
        }

        var subjects = seen.Select(s => s.Subject).ToList();
        Assert.Contains($"coworker.events.{scenario.Tenant}.tenant.created", subjects);
        Assert.Contains($"coworker.events.{scenario.Tenant}.agent.created", subjects);
        Assert.Contains($"coworker.events.{scenario.Tenant}.agent.started", subjects);
        Assert.Contains($"coworker.events.{scenario.Tenant}.agent.terminated", subjects);
        // Who did it is stamped by the Gateway: the admin created the tenant, the owner's key drove the agent.
        Assert.Equal("admin", seen.First(s => s.Subject.EndsWith(".tenant.created", StringComparison.Ordinal)).Actor);
        Assert.Equal("user:owner@example.com", seen.First(s => s.Subject.EndsWith(".agent.started", StringComparison.Ordinal)).Actor);
    }
}
