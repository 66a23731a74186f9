using System.Net.Http.Json;
using System.Text;
using Coworker.Catalog;
using Coworker.Events;
using Coworker.Execution;
using Coworker.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;
using Npgsql;

namespace Coworker.Tests.Secrets;

/// <summary>
/// Canary values go in through the API and are then looked for everywhere they must never be: API responses,
/// grain storage, the listing table, NATS events and the logs of the silos and the Gateway.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SecretLeakTests(GatewayFixture gateway)
{
    private readonly string _apiKey = "canary-apikey-" + Guid.NewGuid().ToString("N");
    private readonly string _username = "canary-user-" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _password = "canary-password-" + Guid.NewGuid().ToString("N");
    private readonly string _token = "canary-token-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task CanaryValuesAppearInNoResponseStorageRowEventOrLogLine()
    {
        var siloLogs = new LogCapture();
        foreach (var factory in SiloServices.All<ILoggerFactory>(gateway.Cluster))
        {
            factory.AddProvider(siloLogs);
        }

        using var gatewayLogs = new EventSourceLogListener();
        var scenario = await SecretScenario.CreateAsync(gateway, "leak");
        using var owner = gateway.WithKey(scenario.OwnerKey);
        using var member = gateway.WithKey(scenario.MemberKey);
        using var admin = gateway.Admin();
        var responses = new List<string>();
        async Task Call(Task<HttpResponseMessage> request) => responses.Add(await (await request).Content.ReadAsStringAsync());

        await Call(owner.PutAsJsonAsync($"{scenario.Secrets}/canary-key", new { kind = "ApiKey", value = _apiKey, allowedHosts = SecretScenario.ApprovedHosts }, HttpAssertions.Json));
        await Call(owner.PutAsJsonAsync($"{scenario.Secrets}/canary-basic", new { kind = "Basic", username = _username, password = _password, allowedHosts = SecretScenario.ApprovedHosts }, HttpAssertions.Json));
        await Call(owner.PutAsJsonAsync($"{scenario.Secrets}/canary-bearer", new { kind = "Bearer", value = _token }, HttpAssertions.Json));
        await Call(owner.PutAsJsonAsync($"{scenario.Secrets}/canary-bearer", new { kind = "Bearer", value = _token }, HttpAssertions.Json));
        await Call(owner.GetAsync(scenario.Secrets));
        await Call(member.GetAsync(scenario.Secrets));
        foreach (var name in new[] { "canary-key", "canary-basic", "canary-bearer" })
        {
            await Call(owner.GetAsync($"{scenario.Secrets}/{name}"));
        }

        // Refusals of every kind, carrying the canaries.
        await Call(member.PutAsJsonAsync($"{scenario.Secrets}/canary-key", new { kind = "ApiKey", value = _apiKey }, HttpAssertions.Json));
        await Call(owner.PutAsJsonAsync($"{scenario.Secrets}/canary-bad", new { kind = "Bearer", value = _token + "\n" }, HttpAssertions.Json));
        await Call(owner.PutAsJsonAsync($"{scenario.Secrets}/canary-bad", new { kind = "ApiKey", value = _apiKey, username = _username, password = _password }, HttpAssertions.Json));
        await Call(owner.PutAsJsonAsync($"{scenario.Secrets}/canary-bad", new { kind = "Basic", username = _username + ":", password = _password }, HttpAssertions.Json));
        await Call(owner.PutAsJsonAsync($"{scenario.Secrets}/Not_A_Name", new { kind = "ApiKey", value = _apiKey }, HttpAssertions.Json));
        await Call(owner.PutAsync($"{scenario.Secrets}/canary-bad", new StringContent($$"""{"kind":"ApiKey","value":"{{_apiKey}}""", Encoding.UTF8, "application/json")));
        await Call(admin.PostAsync($"/api/v1/admin/keys/rotate?tenant={scenario.Tenant}", null));

        // The values are really stored: the resolver in a silo gets them back.
        var resolver = SiloServices.Get<ICredentialResolver>(gateway.Cluster);
        var basic = await resolver.ResolveAsync(scenario.Tenant, new AuthRequirement(AuthKind.Basic, null, [], "canary-basic", null, null), SecretScenario.ApprovedTarget);
        Assert.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_username}:{_password}")), basic!.Headers.Single().Value);
        var missing = await Assert.ThrowsAsync<CredentialUnavailableException>(() =>
            resolver.ResolveAsync(scenario.Tenant, new AuthRequirement(AuthKind.Basic, null, [], "canary-key", null, null), SecretScenario.ApprovedTarget));
        responses.Add(missing.ToString());
        var notApproved = await Assert.ThrowsAsync<CredentialNotApprovedException>(() =>
            resolver.ResolveAsync(scenario.Tenant, new AuthRequirement(AuthKind.Basic, null, [], "canary-basic", null, null), new Uri("https://elsewhere.example/")));
        responses.Add(notApproved.ToString());

        await Call(owner.DeleteAsync($"{scenario.Secrets}/canary-bearer"));

        AssertNoCanary("API responses and resolver errors", responses);
        AssertNoCanary("grain storage", await StoragePayloadsAsync());
        AssertNoCanary("coworker.secrets", await ListingRowsAsync(scenario.Tenant));
        var events = await EventsAsync(scenario.Tenant);
        Assert.Contains(events, e => e.Contains("\"secret\"", StringComparison.Ordinal));
        AssertNoCanary("NATS events", events);
        Assert.NotEmpty(siloLogs.Entries);
        AssertNoCanary("silo logs", siloLogs.Entries);
        AssertNoCanary("gateway logs", gatewayLogs.Entries);
    }

    private void AssertNoCanary(string where, IEnumerable<string> haystack)
    {
        var forms = new[] { _apiKey, _username, _password, _token }
            .SelectMany(value => new[] { value, Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) })
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_username}:{_password}")))
            .ToList();
        foreach (var text in haystack)
        {
            foreach (var form in forms)
            {
                Assert.False(text.Contains(form, StringComparison.OrdinalIgnoreCase), $"{where} contain a secret value: {text}");
            }
        }
    }

    /// <summary>Every grain state row of this cluster, as UTF-8 text and as hex of its raw bytes.</summary>
    private async Task<List<string>> StoragePayloadsAsync()
    {
        var rows = new List<string>();
        var secretRows = 0;
        await using var connection = new NpgsqlConnection(gateway.Cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT GrainTypeString, GrainIdExtensionString, PayloadBinary FROM OrleansStorage", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var payload = reader.IsDBNull(2) ? [] : (byte[])reader[2];
            rows.Add(Encoding.UTF8.GetString(payload));
            rows.Add(Encoding.Unicode.GetString(payload));
            if (reader.GetString(0).Contains("secret", StringComparison.OrdinalIgnoreCase) && payload.Length > 0)
            {
                secretRows++;
            }
        }

        Assert.True(secretRows >= 2, $"expected the secrets' state rows in OrleansStorage, found {secretRows}");
        return rows;
    }

    private async Task<List<string>> ListingRowsAsync(string tenant)
    {
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(gateway.Cluster.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT row_to_json(s)::text FROM coworker.secrets s WHERE tenant_id = $1", connection);
        command.Parameters.Add(new() { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        Assert.Equal(2, rows.Count);
        return rows;
    }

    private static async Task<List<string>> EventsAsync(string tenant)
    {
        await using var nats = new NatsClient(TestEnvironment.NatsAdminUrl);
        var jetStream = nats.CreateJetStreamContext();
        // The whole stream, filtered here: nats-server 2.9 rejects the filtered consumer NATS.Net 3 creates.
        var consumer = await jetStream.CreateOrderedConsumerAsync(EventPublisher.StreamName,
            new NatsJSOrderedConsumerOpts { DeliverPolicy = ConsumerConfigDeliverPolicy.All });
        var prefix = $"coworker.events.{tenant}.";
        var events = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: timeout.Token))
        {
            if (!message.Subject.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            events.Add(message.Subject + " " + Encoding.UTF8.GetString(message.Data ?? []));
            if (message.Subject.EndsWith(".secret.deleted", StringComparison.Ordinal))
            {
                break;
            }
        }

        return events;
    }
}
