using System.Net.Http.Json;
using System.Text;
using Coworker.Catalog;
using Coworker.Tests.Mcp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coworker.Tests.Conformance;

/// <summary>
/// The two demo tools of the conformance suite that a governed gateway can really serve, as a tenant would:
/// an upstream HTTP API on 127.0.0.1 whose OpenAPI operations are named like the suite's tools, imported,
/// published and granted to the scenario's agent. A call then takes the whole governed path (grant check,
/// quota, audit, upstream request) instead of passing by accident on the "unknown tool" error text.
/// </summary>
public sealed class ConformanceUpstream : IAsyncDisposable
{
    public const string SimpleText = "This is a simple text response for testing.";
    public const string ErrorText = "This tool intentionally returns an error for testing";

    /// <summary>The suite's tool names (operationIds here, so the importer gives the tools these names).</summary>
    public static readonly string[] Tools = ["test_simple_text", "test_error_handling"];

    private readonly WebApplication _app;

    private ConformanceUpstream(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<ConformanceUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new ConformanceUpstream(app);
        app.MapGet("/simple-text", () => Results.Text(SimpleText, "text/plain"));
        app.MapGet("/error-handling", () => Results.Text(ErrorText, "text/plain", statusCode: 500));
        await app.StartAsync();
        upstream.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return upstream;
    }

    public string Description() => $$"""
        {
          "openapi": "3.0.3",
          "info": { "title": "MCP conformance demo tools", "version": "1.0.0" },
          "servers": [ { "url": "{{BaseUrl}}" } ],
          "paths": {
            "/simple-text": { "get": { "operationId": "test_simple_text", "summary": "Returns simple text",
              "responses": { "200": { "description": "ok", "content": { "text/plain": { "schema": { "type": "string" } } } } } } },
            "/error-handling": { "get": { "operationId": "test_error_handling", "summary": "Always fails",
              "responses": { "200": { "description": "never" } } } }
          }
        }
        """;

    /// <summary>Imports this API into the scenario's tenant, publishes its tools and adds them to the agent's role.</summary>
    public async Task AddToAsync(McpScenario scenario)
    {
        var job = await scenario.Catalog.UploadAsync("conformance", Encoding.UTF8.GetBytes(Description()));
        Assert.Equal(ImportJobStatus.Succeeded, job.Status);
        var imported = (await scenario.Catalog.ListToolsAsync()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var tool in Tools)
        {
            Assert.Contains(tool, imported);
            (await scenario.Catalog.Owner.PostAsync($"/api/v1/tenants/{scenario.Tenant}/tools/{tool}/publish", null)).EnsureSuccessStatusCode();
        }

        var granted = McpScenario.Granted.Select(op => scenario.Tools[op]).Concat(Tools).ToList();
        (await scenario.Catalog.Owner.PutAsync($"/api/v1/tenants/{scenario.Tenant}/roles/support/tools",
            JsonContent.Create(new { tools = granted }))).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
