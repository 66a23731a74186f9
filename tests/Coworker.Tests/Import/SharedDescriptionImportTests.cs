using System.Diagnostics;
using System.Text.Json.Nodes;
using Coworker.Catalog;
using Coworker.Catalog.Import;
using Xunit.Abstractions;

namespace Coworker.Tests.Import;

/// <summary>
/// The real public descriptions in ../shared: every operation becomes exactly one well-formed tool, and
/// no import comes near its time budget. Prints operations, tools and seconds per file.
/// </summary>
public sealed class SharedDescriptionImportTests(ITestOutputHelper output)
{
    // Generous upper bound (github, 11 MB, imports in a few seconds): this guards against runaway
    // expansion, not a performance target; speed is measured in bench/.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    // Operation counts from ../shared/specs/MANIFEST.md.
    public static TheoryData<string, int> Specs => new()
    {
        { "specs/petstore-swagger2.petstore.json", 20 },
        { "specs/petstore-v3.openapi.yaml", 19 },
        { "specs/gmail-v1.openapi.yaml", 68 },
        { "specs/calendar-v3.openapi.yaml", 37 },
        { "specs/drive-v3.openapi.yaml", 46 },
        { "specs/github-rest.api.github.com.json", 1030 },
        { "specs/slack-web.slack_web_openapi_v2.json", 174 },
        { "specs/sap-ai-core.AI_CORE_API.yaml", 89 },
        { "specs/msgraph.Microsoft_Graph.postman_collection.json", 168 },
        { "specs/wise.TW-API.postman_collection.json", 66 },
    };

    [SkippableTheory]
    [MemberData(nameof(Specs))]
    public void EverySharedSpecImportsOneWellFormedToolPerOperation(string file, int operations)
    {
        var (api, elapsed) = Timed(file);
        output.WriteLine($"| {Path.GetFileName(file)} | {api.Format} | {operations} | {api.Tools.Count} | {elapsed.TotalSeconds:F2} |");

        AssertComplete(api, operations, elapsed);
    }

    [SkippableFact]
    public void EverySeedOpenApiDescriptionImportsOneWellFormedToolPerOperation()
    {
        var folder = ImportTestData.SharedFile("seed-data/openapi");
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var operations = CountOperations(JsonNode.Parse(File.ReadAllBytes(file))!);
            var (api, elapsed) = Timed(Path.Combine("seed-data/openapi", Path.GetFileName(file)));
            output.WriteLine($"| {Path.GetFileName(file)} | {api.Format} | {operations} | {api.Tools.Count} | {elapsed.TotalSeconds:F2} |");

            AssertComplete(api, operations, elapsed);
        }
    }

    private static (ImportedApi Api, TimeSpan Elapsed) Timed(string file)
    {
        var content = File.ReadAllBytes(ImportTestData.SharedFile(file));
        var stopwatch = Stopwatch.StartNew();
        var api = ApiDescriptionImporter.Import(content, new ImportOptions("shared") { Timeout = Bound });
        return (api, stopwatch.Elapsed);
    }

    private static void AssertComplete(ImportedApi api, int operations, TimeSpan elapsed)
    {
        Assert.Equal(operations, api.OperationCount);
        Assert.Equal(operations, api.Tools.Count);
        Assert.DoesNotContain(api.Problems, p => p.Skipped);
        SchemaChecks.NamesAreUniqueAndMcpSafe(api.Tools);
        foreach (var tool in api.Tools)
        {
            SchemaChecks.ToolIsWellFormed(tool);
        }

        Assert.True(elapsed < Bound, $"import took {elapsed.TotalSeconds:F1} s");
    }

    // Manifest rule: (path, method) pairs under "paths"; webhooks are not operations.
    private static int CountOperations(JsonNode document) =>
        (document["paths"] as JsonObject ?? []).Sum(path =>
            path.Value is JsonObject item ? item.Count(p => HttpMethods.Contains(p.Key)) : 0);
}
