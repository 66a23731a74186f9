using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coworker.Tests.Infrastructure;

/// <summary>
/// A real upstream API on 127.0.0.1 (Kestrel, random port): a small pet store with endpoints that fail,
/// hang and answer too much, and its own OpenAPI description at /openapi.json pointing at itself.
/// It records the headers of the last request so tests can see what the platform sent.
/// </summary>
public sealed class TestUpstream : IAsyncDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly WebApplication _app;

    private TestUpstream(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IHeaderDictionary? LastHeaders { get; private set; }

    /// <summary>Requests seen per path ("GET /flaky"), to tell retries from single sends.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> Hits { get; } = new();

    public static async Task<TestUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new TestUpstream(app);
        app.Use(async (context, next) =>
        {
            upstream.LastHeaders = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value));
            upstream.Hits.AddOrUpdate($"{context.Request.Method} {context.Request.Path}", 1, (_, n) => n + 1);
            await next(context);
        });
        app.MapGet("/pets/{id:int}", (int id) => Results.Json(new { id, name = $"pet-{id}", status = "available" }));
        app.MapGet("/pets", (string? status, int? limit) =>
            Results.Json(Enumerable.Range(1, limit ?? 3).Select(i => new { id = i, name = $"pet-{i}", status = status ?? "available" })));
        app.MapPost("/pets", async (HttpRequest request) => Results.Json(await request.ReadFromJsonAsync<object>(), statusCode: 201));
        app.MapGet("/broken", () => Results.Problem("upstream exploded", statusCode: 500));
        // Fails the first time, then works: a transient failure a retry should hide.
        app.MapGet("/flaky", () => upstream.Hits["GET /flaky"] == 1 ? Results.StatusCode(503) : Results.Json(new { ok = true }));
        app.MapPost("/flaky", () => Results.StatusCode(503));
        app.MapGet("/slow", async (CancellationToken token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Results.Ok();
        });
        app.MapGet("/huge", () => Results.Text(new string('x', 20 * 1024 * 1024), "text/plain"));
        app.MapGet("/wrong-shape", () => Results.Json(new { id = "not-a-number" }));
        app.MapGet("/secured", (HttpRequest request) =>
            request.Headers[ApiKeyHeader] == "s3cret-canary-key" ? Results.Json(new { ok = true }) : Results.Unauthorized());
        app.MapGet("/openapi.json", () => Results.Text(PetstoreDescription(upstream.BaseUrl), "application/json"));
        await app.StartAsync();
        upstream.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return upstream;
    }

    /// <summary>The OpenAPI 3.0 description of this upstream; <paramref name="extraPath"/> adds one more operation (for re-import diffs).</summary>
    public static string PetstoreDescription(string serverUrl, bool extraPath = false, string showPetSummary = "Info for a specific pet") => $$"""
        {
          "openapi": "3.0.3",
          "info": { "title": "Test pets", "version": "1.0.0" },
          "servers": [ { "url": "{{serverUrl}}" } ],
          "paths": {
            "/pets": {
              "get": { "operationId": "listPets", "summary": "List all pets",
                "parameters": [ { "name": "status", "in": "query", "schema": { "type": "string" } },
                                { "name": "limit", "in": "query", "schema": { "type": "integer" } } ],
                "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Pet" } } } } } } },
              "post": { "operationId": "createPet", "summary": "Create a pet",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } } },
                "responses": { "201": { "description": "created" } } }
            },
            "/pets/{petId}": {
              "get": { "operationId": "showPetById", "summary": "{{showPetSummary}}",
                "parameters": [ { "name": "petId", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } } } } }
            },
            "/broken": { "get": { "operationId": "broken", "summary": "Always fails", "responses": { "200": { "description": "never" } } } },
            "/slow": { "get": { "operationId": "slow", "summary": "Never answers in time", "responses": { "200": { "description": "late" } } } },
            "/huge": { "get": { "operationId": "huge", "summary": "Answers 20 MB", "responses": { "200": { "description": "big" } } } },
            "/wrong-shape": { "get": { "operationId": "wrongShape", "summary": "Answers the wrong shape",
                "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } } } } } },
            "/secured": { "get": { "operationId": "secured", "summary": "Needs an API key", "security": [ { "key": [] } ],
                "responses": { "200": { "description": "ok" } } } }{{(extraPath ? """
            ,"/pets/{petId}/photos": { "get": { "operationId": "listPhotos", "summary": "Photos of a pet",
                "parameters": [ { "name": "petId", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                "responses": { "200": { "description": "ok" } } } }
            """ : "")}}
          },
          "components": {
            "securitySchemes": { "key": { "type": "apiKey", "in": "header", "name": "X-Api-Key" } },
            "schemas": { "Pet": { "type": "object", "required": [ "id", "name" ],
              "properties": { "id": { "type": "integer" }, "name": { "type": "string" }, "status": { "type": "string" } } } }
          }
        }
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
