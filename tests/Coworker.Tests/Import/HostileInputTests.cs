using System.Diagnostics;
using System.Text;
using Coworker.Catalog.Import;

namespace Coworker.Tests.Import;

/// <summary>
/// Descriptions uploaded by anyone: each bad one fails fast with a typed error whose message an operator
/// can read, and none takes unbounded time or memory.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(10);

    [Fact]
    public void TruncatedJsonIsMalformedWithLineAndPosition()
    {
        var document = ImportTestData.OpenApi("""{ "/a": { "get": { "responses": { "200": { "description": "ok" } } } } }""");
        var error = Refused(document[..(document.Length / 2)], ImportErrorKind.Malformed);

        Assert.NotNull(error.Line);
        Assert.NotNull(error.Position);
        Assert.Contains($"line {error.Line}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedYamlIsMalformedWithLineAndPosition()
    {
        var yaml = "openapi: 3.0.0\ninfo:\n  title: \"Pets\n  version: 1.0.0\npaths:\n  /pets:\n    get: {responses: {'200': {description: ok";
        var error = Refused(yaml, ImportErrorKind.Malformed);

        Assert.NotNull(error.Line);
        Assert.Contains("YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void YamlAliasBombIsRefusedWithoutExpandingIt()
    {
        // "Billion laughs": ten levels of nine aliases each would expand to 9^10 (3.4 billion) strings.
        var yaml = new StringBuilder("openapi: 3.0.0\ninfo: {title: bomb, version: '1'}\npaths: {}\nx-lol:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= 10; level++)
        {
            yaml.Append($"  l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n");
        }

        var error = Refused(yaml.ToString(), ImportErrorKind.TooLarge);
        Assert.Contains("alias", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiftyMegabyteDescriptionIsRefusedBeforeParsing()
    {
        var content = new byte[50 * 1024 * 1024];
        Array.Fill(content, (byte)' ');
        "{\"openapi\":\"3.0.0\",\"info\":{\"description\":\""u8.CopyTo(content);
        Array.Fill(content, (byte)'x', 100, content.Length - 200);

        var stopwatch = Stopwatch.StartNew();
        var error = Assert.Throws<ImportException>(() => ApiDescriptionImporter.Import(content, ImportTestData.Options()));

        Assert.Equal(ImportErrorKind.TooLarge, error.Kind);
        Assert.Contains("20.0 MB", error.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), "the size cap must act before any parsing");
    }

    [Theory]
    [InlineData("openapi: 4.0.0\ninfo: {title: x, version: '1'}\npaths: {}\n", "OpenAPI 4.0.0")]
    [InlineData("swagger: '1.2'\ninfo: {title: x}\n", "Swagger 1.2")]
    [InlineData("""{ "swaggerVersion": "1.2", "apis": [] }""", "Swagger 1.2")]
    public void UnknownSpecificationVersionsAreUnsupported(string document, string named)
    {
        var error = Refused(document, ImportErrorKind.UnsupportedVersion);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "not an api", "items": [1, 2, 3] }""")]
    [InlineData("[1, 2, 3]")]
    [InlineData("just: some\nyaml: document\n")]
    public void DocumentsThatAreNoApiDescriptionAreAnUnsupportedFormat(string document) =>
        Refused(document, ImportErrorKind.UnsupportedFormat);

    [Fact]
    public void AReferenceCycleSkipsTheOperationsThatUseIt()
    {
        var api = ImportTestData.Import(ImportTestData.OpenApi(
            """
            { "/loop": { "get": { "operationId": "loop", "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/A" } } } } } } },
              "/fine": { "get": { "operationId": "fine", "responses": { "200": { "description": "ok" } } } } }
            """,
            """{ "schemas": { "A": { "$ref": "#/components/schemas/B" }, "B": { "$ref": "#/components/schemas/A" } } }"""));

        Assert.Equal(2, api.OperationCount);
        Assert.Equal(["fine"], api.Tools.Select(t => t.Name));
        var problem = Assert.Single(api.Problems, p => p.Skipped);
        Assert.Equal("GET /loop", problem.Operation);
        Assert.Equal("/paths/~1loop/get", problem.Pointer);
        Assert.Contains("cycle", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADescriptionWhoseOnlyOperationsHitAReferenceCycleIsRefused()
    {
        var document = ImportTestData.OpenApi(
            """{ "/loop": { "post": { "parameters": [ { "$ref": "#/components/parameters/P" } ], "responses": { "200": { "description": "ok" } } } } }""",
            """{ "parameters": { "P": { "$ref": "#/components/parameters/P" } } }""");

        var error = Refused(document, ImportErrorKind.ReferenceCycle);
        Assert.Contains("POST /loop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnresolvableReferenceSkipsOnlyThatOperation()
    {
        var api = ImportTestData.Import(ImportTestData.OpenApi("""
            { "/broken": { "put": { "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Missing" } } } }, "responses": { "200": { "description": "ok" } } } },
              "/fine": { "get": { "responses": { "200": { "description": "ok" } } } } }
            """));

        Assert.Equal(["get_fine"], api.Tools.Select(t => t.Name));
        var problem = Assert.Single(api.Problems, p => p.Skipped);
        Assert.Equal(("PUT /broken", "/paths/~1broken/put"), (problem.Operation, problem.Pointer));
        Assert.Contains("#/components/schemas/Missing", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeeplyNestedDocumentsAreMalformedNotAStackOverflow()
    {
        Refused("{\"openapi\":\"3.0.0\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}", ImportErrorKind.Malformed);
        Refused("openapi: 3.0.0\nx: " + new string('[', 100_000) + new string(']', 100_000) + "\n", ImportErrorKind.Malformed);
    }

    [Fact]
    public void AnImportThatRunsPastItsTimeoutStopsWithATimeoutError()
    {
        var paths = string.Join(",", Enumerable.Range(0, 3000).Select(i => $$"""
            "/r{{i}}/{id}": { "get": { "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok" } } } }
            """));
        // 3,000 operations are over the default operation limit, which is checked before any is mapped.
        var options = new ImportOptions("slow") { Timeout = TimeSpan.FromMilliseconds(1), MaxOperations = 10_000 };

        var stopwatch = Stopwatch.StartNew();
        var error = Assert.Throws<ImportException>(() => ImportTestData.Import(ImportTestData.OpenApi("{" + paths + "}"), options));

        Assert.Equal(ImportErrorKind.Timeout, error.Kind);
        Assert.True(stopwatch.Elapsed < Quick);
    }

    [Fact]
    public void CancellingTheCallerTokenCancelsTheImport()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var content = Encoding.UTF8.GetBytes(ImportTestData.OpenApi("""{ "/a": { "get": { "responses": { "200": { "description": "ok" } } } } }"""));

        Assert.ThrowsAny<OperationCanceledException>(() => ApiDescriptionImporter.Import(content, ImportTestData.Options(), cancelled.Token));
    }

    private static ImportException Refused(string document, ImportErrorKind kind)
    {
        var stopwatch = Stopwatch.StartNew();
        var error = Assert.Throws<ImportException>(() => ImportTestData.Import(document));
        Assert.Equal(kind, error.Kind);
        Assert.True(stopwatch.Elapsed < Quick, $"refusing took {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal); // no stack trace in what operators see
        Assert.DoesNotContain("Exception", error.Message, StringComparison.Ordinal);
        return error;
    }
}
