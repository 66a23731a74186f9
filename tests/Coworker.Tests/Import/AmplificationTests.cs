using System.Text;
using Coworker.Catalog.Import;

namespace Coworker.Tests.Import;

/// <summary>
/// Small descriptions that expand into huge tools: each oversized operation is skipped with a problem that
/// names the limit, the rest imports, and nothing large is ever built. A description with more operations
/// than allowed is refused as a whole before any is mapped.
/// </summary>
public sealed class AmplificationTests
{
    [Fact]
    public void NestedPostmanVariablesCannotBlowUpAPathTemplate()
    {
        var collection = PostmanVariableBomb();
        Assert.InRange(Encoding.UTF8.GetByteCount(collection), 1_000, 2_000); // a 1.5 KB collection …

        var api = ImportTestData.Import(collection);

        // … whose "bomb" request expanded to a 6 MB path template before variable expansion was capped.
        var problem = Assert.Single(api.Problems, p => p.Skipped);
        Assert.Equal("bomb", problem.Operation);
        Assert.Contains("variables", problem.Message, StringComparison.Ordinal);
        Assert.Contains("8192 characters", problem.Message, StringComparison.Ordinal);
        var fine = Assert.Single(api.Tools);
        Assert.Equal("/items/shallow-value", fine.Binding.PathTemplate);
    }

    [Fact]
    public void ATenThousandBranchAnyOfSkipsItsOperationOnly()
    {
        var branches = string.Join(",", Enumerable.Range(0, 10_000).Select(i => $$"""{ "type": "object", "properties": { "f{{i}}": { "type": "integer" } } }"""));
        var document = ImportTestData.OpenApi($$"""
            {
              "/wide": { "post": { "operationId": "wide", "requestBody": { "content": { "application/json": { "schema": { "anyOf": [ {{branches}} ] } } } }, "responses": { "200": { "description": "ok" } } } },
              "/narrow": { "get": { "operationId": "narrow", "responses": { "200": { "description": "ok" } } } }
            }
            """);

        var api = ImportTestData.Import(document);

        Assert.Equal(["narrow"], api.Tools.Select(t => t.Name));
        var problem = Assert.Single(api.Problems, p => p.Skipped);
        Assert.Equal(("POST /wide", "/paths/~1wide/post"), (problem.Operation, problem.Pointer));
        Assert.Contains("10000 branches", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInputSchemaOverTheSizeLimitSkipsItsOperationAndAHugeOutputSchemaIsLeftOut()
    {
        // Many distinct properties stay under the branch limit but not under the size limit.
        var properties = string.Join(",", Enumerable.Range(0, 4_000).Select(i => $$""" "p{{i}}": { "type": "string", "description": "{{new string('d', 60)}}" } """));
        var document = ImportTestData.OpenApi($$"""
            {
              "/big-in": { "post": { "operationId": "bigIn", "requestBody": { "content": { "application/json": { "schema": { "type": "object", "properties": { {{properties}} } } } } }, "responses": { "200": { "description": "ok" } } } },
              "/big-out": { "get": { "operationId": "bigOut", "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "type": "object", "properties": { {{properties}} } } } } } } } }
            }
            """);

        var api = ImportTestData.Import(document);

        var skipped = Assert.Single(api.Problems, p => p.Skipped);
        Assert.Equal("POST /big-in", skipped.Operation);
        Assert.Contains("the limit is 256 KB", skipped.Message, StringComparison.Ordinal);
        var bigOut = api.Tool("bigOut");
        Assert.Null(bigOut.OutputSchema);
        Assert.Contains(api.Problems, p => !p.Skipped && p.Operation == "GET /big-out" && p.Message.Contains("output schema", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("openapi")]
    [InlineData("postman")]
    public void ADescriptionOverTheOperationLimitIsRefusedAsAWhole(string format)
    {
        var document = format == "openapi"
            ? ImportTestData.OpenApi("{" + string.Join(",", Enumerable.Range(0, 11).Select(i => $$""" "/r{{i}}": { "get": { "responses": { "200": { "description": "ok" } } } } """)) + "}")
            : $$"""{ "info": { "name": "many", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" }, "item": [ {{string.Join(",", Enumerable.Range(0, 11).Select(i => $$"""{ "name": "r{{i}}", "request": { "method": "GET", "url": "https://api.example.com/r{{i}}" } }"""))}} ] }""";

        var error = Assert.Throws<ImportException>(() => ImportTestData.Import(document, new ImportOptions("many") { MaxOperations = 10 }));

        Assert.Equal(ImportErrorKind.TooManyOperations, error.Kind);
        Assert.Contains("11 operations", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 10", error.Message, StringComparison.Ordinal);
        ImportTestData.Import(document, new ImportOptions("many") { MaxOperations = 11 });
    }

    [Fact]
    public void TheDefaultOperationLimitRefusesTwentyThousandOperations()
    {
        var paths = "{" + string.Join(",", Enumerable.Range(0, 20_000).Select(i => $$""" "/r{{i}}": { "get": { "responses": { "200": { "description": "ok" } } } } """)) + "}";

        var error = Assert.Throws<ImportException>(() => ImportTestData.Import(ImportTestData.OpenApi(paths)));

        Assert.Equal(ImportErrorKind.TooManyOperations, error.Kind);
        Assert.Contains($"at most {ImportOptions.DefaultMaxOperations}", error.Message, StringComparison.Ordinal);
    }

    // Five variables, each repeating the next twenty times, the last a 40-character literal: 20^4 × 40
    // characters (6.4 MB) after the four passes it takes to resolve.
    private static string PostmanVariableBomb()
    {
        var variables = new List<string> { """{ "key": "v1", "value": "0123456789012345678901234567890123456789" }""" };
        for (var level = 2; level <= 5; level++)
        {
            variables.Add($$"""{ "key": "v{{level}}", "value": "{{string.Concat(Enumerable.Repeat($"{{{{v{level - 1}}}}}", 20))}}" }""");
        }

        variables.Add("""{ "key": "shallow", "value": "shallow-value" }""");
        return $$$"""
            {
              "info": { "name": "bomb", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
              "variable": [ {{{string.Join(", ", variables)}}} ],
              "item": [
                { "name": "bomb", "request": { "method": "GET", "url": "https://api.example.com/items/{{v5}}" } },
                { "name": "fine", "request": { "method": "GET", "url": "https://api.example.com/items/{{shallow}}" } }
              ]
            }
            """;
    }
}
