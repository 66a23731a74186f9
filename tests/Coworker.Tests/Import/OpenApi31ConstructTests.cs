using System.Text.Json.Nodes;
using Coworker.Catalog;
using Coworker.Catalog.Import;

namespace Coworker.Tests.Import;

/// <summary>
/// Constructs of real OpenAPI 3.1 descriptions on which Microsoft.OpenApi 2.13 wrote JSON that does not parse
/// ("The import failed unexpectedly") or could not read the document at all: each imports now, with the rest
/// of the description, and the tool says what the description said.
/// </summary>
public sealed class OpenApi31ConstructTests
{
    [Fact]
    public void ControlCharactersInSchemaStringsImport()
    {
        // The writer emitted U+0000–U+001F (other than \b \t \n \f \r) raw inside JSON strings.
        var api = Import("""{ "type": "string", "description": "ends with ESC \u001b and NUL \u0000", "pattern": "^[\u0001-\u001f]*$", "default": "a\u000bb", "enum": ["a\u000bb", "c"] }""");

        var body = Body(api);
        Assert.Equal("^[\u0001-\u001f]*$", (string?)body["pattern"]);
        Assert.Equal("a\u000bb", (string?)body["default"]);
        Assert.Equal(2, api.Tools.Count);
    }

    [Fact]
    public void NumbersBeyondDoubleRangeInDefaultsEnumsAndExamplesImport()
    {
        // The writer emitted Infinity and -Infinity, which no JSON parser reads.
        var api = Import("""{ "type": "number", "default": -1e400, "enum": [1e400, 1], "examples": [1e400] }""");

        var body = Body(api);
        Assert.Equal(-double.MaxValue, (double)body["default"]!);
        Assert.Equal(double.MaxValue, (double)body["enum"]![0]!);
    }

    [Fact]
    public void OutOfRangeAndWronglyTypedKeywordsAreRepairedNotFatal()
    {
        // int.Parse / decimal.Parse / bool.Parse in the reader used to fail the whole description.
        var api = Import("""{ "type": "string", "maxLength": 1e400, "minLength": 3.5, "multipleOf": 1e-400, "maximum": 1e400, "readOnly": "true", "uniqueItems": 1 }""");

        var body = Body(api);
        Assert.Equal(int.MaxValue, (int)body["maxLength"]!);
        Assert.False(body.ContainsKey("minLength"));
        Assert.False(body.ContainsKey("maximum"));
        Assert.Contains(api.Problems, p => !p.Skipped && p.Message.Contains("maxLength", StringComparison.Ordinal));
    }

    [Fact]
    public void BooleanSchemasAsPropertiesAndBranchesImport()
    {
        // A boolean property schema made the reader throw a NullReferenceException; a "true" anyOf branch was dropped.
        var api = Import("""{ "type": "object", "properties": { "anything": true, "nothing": false }, "anyOf": [ { "required": ["anything"] }, true ] }""");

        var body = Body(api);
        Assert.Equal("{}", body["properties"]!["anything"]!.ToJsonString());
        Assert.Equal("""{"not":{}}""", body["properties"]!["nothing"]!.ToJsonString());
        Assert.Equal(2, body["anyOf"]!.AsArray().Count);
    }

    [Fact]
    public void KeywordsTheLibraryDoesNotModelStayOnTheSchema()
    {
        // The writer nested them under "unrecognizedKeywords", which is no JSON Schema keyword.
        var api = Import("""{ "type": "array", "prefixItems": [ { "type": "string" }, { "type": "integer" } ], "unevaluatedItems": false }""");

        var body = Body(api);
        Assert.False(body.ContainsKey("unrecognizedKeywords"));
        Assert.Equal(2, body["prefixItems"]!.AsArray().Count);
        Assert.Equal("false", body["unevaluatedItems"]!.ToJsonString());
    }

    [Fact]
    public void ConstKeepsItsJsonType()
    {
        var api = Import("""{ "type": "object", "properties": { "version": { "type": "integer", "const": 2 }, "kind": { "type": "string", "const": "2" } } }""");

        var properties = Body(api)["properties"]!;
        Assert.Equal("2", properties["version"]!["const"]!.ToJsonString());
        Assert.Equal("\"2\"", properties["kind"]!["const"]!.ToJsonString());
    }

    [Fact]
    public void ReferencesIntoDefsResolveToTheEnclosingSchemasDefinition()
    {
        var api = Import("""{ "$id": "https://example.com/node", "$defs": { "leaf": { "type": "string", "maxLength": 5 } }, "type": "object", "properties": { "name": { "$ref": "#/$defs/leaf" } } }""");

        Assert.Equal(5, (int)Body(api)["properties"]!["name"]!["maxLength"]!);
        Assert.DoesNotContain(api.Problems, p => p.Skipped);
    }

    [SkippableTheory]
    [InlineData("specs/sap-ai-core.AI_CORE_API.yaml")] // YAML numbers and booleans arrive as other JSON value types
    [InlineData("specs/github-rest.api.github.com.json")]
    [InlineData("seed-data/openapi/support-services.openapi.json")]
    public void WellFormedDescriptionsAreNotRepaired(string file)
    {
        var api = ImportTestData.ImportShared(file);

        Assert.DoesNotContain(api.Problems, p => p.Message.Contains("rewritten", StringComparison.Ordinal));
    }

    // A 3.1 description with one operation whose request body is the given schema, and one plain operation.
    private static ImportedApi Import(string schema) => ImportTestData.Import($$"""
        {
          "openapi": "3.1.0",
          "info": { "title": "Constructs", "version": "1" },
          "servers": [ { "url": "https://api.example.com" } ],
          "paths": {
            "/things": { "post": { "operationId": "create", "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } }, "responses": { "200": { "description": "ok" } } } },
            "/health": { "get": { "operationId": "health", "responses": { "200": { "description": "ok" } } } }
          },
          "components": { "schemas": { "Thing": {{schema}} } }
        }
        """);

    private static JsonObject Body(ImportedApi api)
    {
        Assert.DoesNotContain(api.Problems, p => p.Skipped);
        var tool = api.Tool("create");
        SchemaChecks.ConformsToTheMetaSchema(tool.InputSchema, "create input");
        return JsonNode.Parse(tool.InputSchema)!["properties"]!["body"]!.AsObject();
    }
}
