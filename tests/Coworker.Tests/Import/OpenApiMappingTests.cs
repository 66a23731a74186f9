using System.Text.Json.Nodes;
using Coworker.Catalog;
using Coworker.Catalog.Import;

namespace Coworker.Tests.Import;

/// <summary>How OpenAPI constructs become arguments, bindings and auth, on small inline documents.</summary>
public sealed class OpenApiMappingTests
{
    [Fact]
    public void SameNameInPathAndQueryKeepsBothWithTheQueryOneRenamed()
    {
        var api = ImportTestData.Import(ImportTestData.OpenApi("""
            { "/items/{id}": { "get": { "operationId": "getItem", "parameters": [
                { "name": "id", "in": "query", "schema": { "type": "string" } },
                { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } },
                { "name": "X-Trace", "in": "header", "schema": { "type": "string" } },
                { "name": "Accept", "in": "header", "schema": { "type": "string" } } ],
              "responses": { "200": { "description": "ok" } } } } }
            """));
        var tool = api.Tool("getItem");

        Assert.Equal(
            [("id", "id", ParameterLocation.Path), ("id", "id_query", ParameterLocation.Query), ("X-Trace", "X-Trace", ParameterLocation.Header)],
            tool.Binding.Parameters.Select(p => (p.Name, p.Argument, p.In)));
        var properties = JsonNode.Parse(tool.InputSchema)!["properties"]!.AsObject();
        Assert.Equal("integer", (string?)properties["id"]!["type"]);
        Assert.Equal("string", (string?)properties["id_query"]!["type"]);
        SchemaChecks.ToolIsWellFormed(tool);
    }

    [Fact]
    public void ReferencesAreInlinedAndRecursiveSchemasAreCutWithANote()
    {
        var api = ImportTestData.Import(ImportTestData.OpenApi(
            """
            { "/nodes": { "post": { "operationId": "addNode",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Node" } } } },
                "responses": { "201": { "description": "made", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Node" } } } } } } } }
            """,
            """
            { "schemas": { "Node": { "type": "object", "description": "A tree node.", "required": ["name"],
                "properties": { "name": { "type": "string", "example": "root" },
                                "kind": { "allOf": [ { "$ref": "#/components/schemas/Kind" } ] },
                                "children": { "type": "array", "items": { "$ref": "#/components/schemas/Node" } } } },
              "Kind": { "type": "string", "enum": ["leaf", "branch"] } } }
            """));
        var tool = api.Tool("addNode");
        var body = JsonNode.Parse(tool.InputSchema)!["properties"]!["body"]!;

        Assert.DoesNotContain("$ref", tool.InputSchema, StringComparison.Ordinal);
        Assert.Equal(["root"], body["properties"]!["name"]!["examples"]!.AsArray().Select(e => (string)e!));
        Assert.Equal(["leaf", "branch"], body["properties"]!["kind"]!["allOf"]![0]!["enum"]!.AsArray().Select(e => (string)e!));
        var cut = body["properties"]!["children"]!["items"]!;
        Assert.Equal("object", (string?)cut["type"]);
        Assert.Contains("recursive reference to Node truncated", (string?)cut["description"], StringComparison.Ordinal);
        Assert.Equal(["body"], JsonNode.Parse(tool.InputSchema)!["required"]!.AsArray().Select(r => (string)r!));
        Assert.NotNull(tool.OutputSchema);
        Assert.DoesNotContain("$ref", tool.OutputSchema, StringComparison.Ordinal);
        SchemaChecks.ToolIsWellFormed(tool);
    }

    [Fact]
    public void ServerVariablesTakeTheirDefaultsAndRelativeServersUseTheBaseUrl()
    {
        var paths = """{ "/ping": { "get": { "responses": { "200": { "description": "ok" } } } } }""";
        var templated = ImportTestData.Import(ImportTestData.OpenApi(paths).Replace(
            "\"servers\": [ { \"url\": \"https://api.example.com/v1\" } ]",
            "\"servers\": [ { \"url\": \"https://{region}.example.com/{version}/\", \"variables\": { \"region\": { \"default\": \"eu\", \"enum\": [\"eu\", \"us\"] }, \"version\": { \"default\": \"v2\" } } } ]",
            StringComparison.Ordinal));
        Assert.Equal("https://eu.example.com/v2", templated.Tool("get_ping").Binding.ServerUrl);

        var relative = ImportTestData.OpenApi(paths).Replace("https://api.example.com/v1", "/api/v3", StringComparison.Ordinal);
        var resolved = ImportTestData.Import(relative, new ImportOptions("rel") { BaseUrl = new Uri("https://petstore.example.org/openapi.json") });
        Assert.Equal("https://petstore.example.org/api/v3", resolved.Tool("get_ping").Binding.ServerUrl);

        var unresolved = ImportTestData.Import(relative);
        Assert.Contains(unresolved.Problems, p => !p.Skipped && p.Message.Contains("not absolute", StringComparison.Ordinal));
    }

    [Fact]
    public void OperationSecurityOverridesTheDocumentAndOAuthProvidersAreGuessedFromTheHost()
    {
        var document = ImportTestData.OpenApi(
            """
            { "/a": { "get": { "operationId": "inherits", "responses": { "200": { "description": "ok" } } } },
              "/b": { "get": { "operationId": "anonymous", "security": [], "responses": { "200": { "description": "ok" } } } },
              "/c": { "get": { "operationId": "basic", "security": [ { "basicAuth": [] } ], "responses": { "200": { "description": "ok" } } } },
              "/d": { "get": { "operationId": "bearer", "security": [ { "token": [] }, { "basicAuth": [] } ], "responses": { "200": { "description": "ok" } } } },
              "/e": { "get": { "operationId": "cookieKey", "security": [ { "session": [] } ],
                "parameters": [ { "name": "sid", "in": "cookie", "schema": { "type": "string" } }, { "name": "sid", "in": "query", "schema": { "type": "string" } } ],
                "responses": { "200": { "description": "ok" } } } } }
            """,
            """
            { "securitySchemes": {
                "google": { "type": "oauth2", "flows": { "authorizationCode": { "authorizationUrl": "https://accounts.google.com/o/oauth2/auth", "tokenUrl": "https://oauth2.googleapis.com/token", "scopes": { "https://www.googleapis.com/auth/drive": "drive" } } } },
                "basicAuth": { "type": "http", "scheme": "basic" },
                "token": { "type": "http", "scheme": "bearer" },
                "session": { "type": "apiKey", "in": "cookie", "name": "sid" } } }
            """,
            """ "security": [ { "google": ["https://www.googleapis.com/auth/drive"] } ], """)
            .Replace("https://api.example.com/v1", "https://www.googleapis.com/drive/v3", StringComparison.Ordinal);
        var api = ImportTestData.Import(document);

        var inherits = api.Tool("inherits").Auth;
        Assert.Equal((AuthKind.OAuth2, "google"), (inherits.Kind, inherits.Provider));
        Assert.Equal(["https://www.googleapis.com/auth/drive"], inherits.Scopes);
        Assert.Equal(AuthKind.None, api.Tool("anonymous").Auth.Kind);
        Assert.Equal((AuthKind.Basic, "basicAuth"), (api.Tool("basic").Auth.Kind, api.Tool("basic").Auth.SecretRef));
        Assert.Equal((AuthKind.Bearer, "token"), (api.Tool("bearer").Auth.Kind, api.Tool("bearer").Auth.SecretRef));
        var cookie = api.Tool("cookieKey").Auth;
        Assert.Equal((AuthKind.ApiKey, "sid", (ParameterLocation?)ParameterLocation.Cookie), (cookie.Kind, cookie.ParameterName, cookie.ParameterIn));
        // The key itself is the platform's to send: only the same-named query parameter remains an argument.
        Assert.Equal([("sid", ParameterLocation.Query)], api.Tool("cookieKey").Binding.Parameters.Select(p => (p.Name, p.In)));

        var named = ImportTestData.Import(document, new ImportOptions("named") { OAuthProvider = "corp-google" });
        Assert.Equal("corp-google", named.Tool("inherits").Auth.Provider);
    }

    [SkippableFact]
    public void SharedGoogleAndGitHubDescriptionsGetTheirOAuthPresets()
    {
        Assert.All(ImportTestData.ImportShared("specs/gmail-v1.openapi.yaml").Tools, t => Assert.Equal("google", t.Auth.Provider));
        var github = ImportTestData.ImportShared("specs/github-rest.api.github.com.json");
        Assert.All(github.Tools, t => Assert.Equal(AuthKind.None, t.Auth.Kind));
        var sap = ImportTestData.ImportShared("specs/sap-ai-core.AI_CORE_API.yaml");
        Assert.All(sap.Tools, t => Assert.Equal("https://api.ai.prod.eu-central-1.aws.ml.hana.ondemand.com/v2", t.Binding.ServerUrl));
    }

    [Fact]
    public void AnnotationsFollowTheHttpMethod()
    {
        var api = ImportTestData.Import(ImportTestData.OpenApi("""
            { "/r": { "get": { "operationId": "read", "responses": { "200": { "description": "ok" } } },
                      "head": { "operationId": "peek", "responses": { "200": { "description": "ok" } } },
                      "put": { "operationId": "replace", "responses": { "200": { "description": "ok" } } },
                      "post": { "operationId": "create", "responses": { "200": { "description": "ok" } } },
                      "patch": { "operationId": "change", "responses": { "200": { "description": "ok" } } },
                      "delete": { "operationId": "remove", "responses": { "204": { "description": "gone" } } },
                      "options": { "operationId": "probe", "responses": { "200": { "description": "ok" } } } } }
            """));

        Assert.Equal(new ToolAnnotations(true, false, true), api.Tool("read").Annotations);
        Assert.Equal(new ToolAnnotations(true, false, true), api.Tool("peek").Annotations);
        Assert.Equal(new ToolAnnotations(false, false, true), api.Tool("replace").Annotations);
        Assert.Equal(new ToolAnnotations(false, false, false), api.Tool("create").Annotations);
        Assert.Equal(new ToolAnnotations(false, false, false), api.Tool("change").Annotations);
        Assert.Equal(new ToolAnnotations(false, true, true), api.Tool("remove").Annotations);
        Assert.Equal(new ToolAnnotations(false, false, true), api.Tool("probe").Annotations);
    }

    [Fact]
    public void OpenApi31TypeArraysAndExamplesPassThrough()
    {
        var api = ImportTestData.Import("""
            { "openapi": "3.1.0", "info": { "title": "t", "version": "1" }, "servers": [ { "url": "https://x.example.com" } ],
              "paths": { "/s": { "post": { "operationId": "search",
                "requestBody": { "content": { "application/json": { "schema": { "type": "object",
                  "properties": { "q": { "type": ["string", "null"], "examples": ["cats"] },
                                  "filter": { "oneOf": [ { "type": "string" }, { "type": "integer" } ] } } } } } },
                "responses": { "200": { "description": "ok" } } } } } }
            """);
        var tool = api.Tool("search");
        var body = JsonNode.Parse(tool.InputSchema)!["properties"]!["body"]!;

        Assert.Equal("openapi-3.1", api.Format);
        Assert.Equal(["null", "string"], body["properties"]!["q"]!["type"]!.AsArray().Select(t => (string)t!).Order());
        Assert.Equal(2, body["properties"]!["filter"]!["oneOf"]!.AsArray().Count);
        Assert.DoesNotContain(tool.Binding.Parameters, p => p.Required);
        SchemaChecks.ToolIsWellFormed(tool);
    }
}
