using System.Net;
using System.Text;
using Coworker.Agents;
using Coworker.Audit;
using Coworker.Gateway.Apis.Contracts;
using Coworker.Catalog;
using Coworker.Tests.Catalog;
using Coworker.Tests.Infrastructure;
using ModelContextProtocol.Client;

namespace Coworker.Tests.Mcp;

/// <summary>
/// A tenant with the test pet store imported from a real upstream, some tools published and granted to
/// role "support", and an active agent holding that role with its own API key.
/// </summary>
public sealed class McpScenario : IAsyncDisposable
{
    private McpScenario(GatewayFixture gateway, CatalogScenario catalog, TestUpstream upstream)
    {
        Gateway = gateway;
        Catalog = catalog;
        Upstream = upstream;
    }

    public GatewayFixture Gateway { get; }

    public CatalogScenario Catalog { get; }

    public TestUpstream Upstream { get; }

    public string Tenant => Catalog.Tenant;

    public string AgentKey { get; private set; } = "";

    public Dictionary<string, string> Tools { get; } = new(StringComparer.Ordinal);

    /// <summary>Operations published and granted to the agent (the rest stay staged or ungranted).</summary>
    public static readonly string[] Granted = ["GET /pets/{petId}", "GET /pets", "GET /broken", "GET /slow", "GET /huge", "GET /secured"];

    public static async Task<McpScenario> CreateAsync(GatewayFixture gateway, bool allowLoopback = true, object? rateLimit = null, object? callQuota = null)
    {
        var upstream = await TestUpstream.StartAsync();
        var catalog = await CatalogScenario.CreateAsync(gateway, allowLoopback);
        var scenario = new McpScenario(gateway, catalog, upstream);
        var job = await catalog.UploadAsync("pets", Encoding.UTF8.GetBytes(TestUpstream.PetstoreDescription(upstream.BaseUrl)));
        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        foreach (var tool in await catalog.ListToolsAsync())
        {
            scenario.Tools[tool.Operation] = tool.Name;
        }

        var granted = Granted.Select(op => scenario.Tools[op]).ToList();
        foreach (var name in granted.Append(scenario.Tools["POST /pets"]))
        {
            (await catalog.Owner.PostAsync($"/api/v1/tenants/{catalog.Tenant}/tools/{name}/publish", null)).EnsureSuccessStatusCode();
        }

        (await catalog.Owner.PutAsync($"/api/v1/tenants/{catalog.Tenant}/roles/support/tools",
            System.Net.Http.Json.JsonContent.Create(new { tools = granted }))).EnsureSuccessStatusCode();
        await (await catalog.Owner.PostJsonAsync($"/api/v1/tenants/{catalog.Tenant}/agents",
            new { id = "bot", name = "Support bot", roles = new[] { "support" }, rateLimit, callQuota })).ReadAsync<AgentInfo>(HttpStatusCode.Created);
        (await catalog.Owner.PostAsync($"/api/v1/tenants/{catalog.Tenant}/agents/bot/start", null)).EnsureSuccessStatusCode();
        var key = await (await catalog.Owner.PostJsonAsync($"/api/v1/tenants/{catalog.Tenant}/agents/bot/keys", new { name = "tests" }))
            .ReadAsync<IssuedAgentKey>(HttpStatusCode.Created);
        scenario.AgentKey = key.Key;
        return scenario;
    }

    public Uri McpUri => new(Gateway.BaseAddress, "/mcp");

    public Task<McpClient> ConnectAsync(HttpTransportMode mode = HttpTransportMode.StreamableHttp, string? key = null, McpClientOptions? options = null) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = mode == HttpTransportMode.Sse ? new Uri(McpUri + "/sse") : McpUri,
            TransportMode = mode,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key ?? AgentKey}" },
        }), options);

    /// <summary>The tenant's audit rows (newest 500) once <paramref name="done"/> holds for them, or after 60 s as they are.</summary>
    public async Task<IReadOnlyList<AuditRecord>> WaitForAuditAsync(Func<IReadOnlyList<AuditRecord>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await (await Catalog.Owner.GetAsync($"/api/v1/tenants/{Tenant}/audit?limit=500")).ReadAsync<Page<AuditRecord>>();
            if (done(page.Items) || DateTime.UtcNow > deadline)
            {
                return page.Items;
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Catalog.Owner.Dispose();
        await Upstream.DisposeAsync();
    }
}
