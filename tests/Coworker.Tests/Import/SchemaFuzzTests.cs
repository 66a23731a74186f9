using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coworker.Catalog;
using Coworker.Catalog.Import;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;
using Xunit.Abstractions;

namespace Coworker.Tests.Import;

/// <summary>
/// Every real description in ../shared with its schemas rewritten into the awkward JSON Schema constructs
/// (see <see cref="SchemaMutator"/>), as 3.0 and as 3.1: no import fails as a whole, every operation is a
/// tool or a skipped-operation problem, and every tool that comes out is well-formed. The seed is fixed,
/// so a failure reproduces.
/// </summary>
public sealed class SchemaFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261207;

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public static TheoryData<string> Descriptions => new()
    {
        "specs/petstore-swagger2.petstore.json",
        "specs/petstore-v3.openapi.yaml",
        "specs/gmail-v1.openapi.yaml",
        "specs/calendar-v3.openapi.yaml",
        "specs/drive-v3.openapi.yaml",
        "specs/github-rest.api.github.com.json",
        "specs/slack-web.slack_web_openapi_v2.json",
        "specs/sap-ai-core.AI_CORE_API.yaml",
        "specs/msgraph.Microsoft_Graph.postman_collection.json",
        "specs/wise.TW-API.postman_collection.json",
        "seed-data/openapi/sap-DeliveryTemplateService.openapi.json",
        "seed-data/openapi/sap-OrderDeliverySchedulesService.openapi.json",
        "seed-data/openapi/sap-contact.openapi.json",
        "seed-data/openapi/sap-installedbase.openapi.json",
        "seed-data/openapi/support-services.openapi.json",
    };

    [SkippableTheory]
    [MemberData(nameof(Descriptions))]
    public void NoMutatedDescriptionFailsAsAWhole(string file)
    {
        var original = Load(ImportTestData.SharedFile(file));
        // The big ones (github 11 MB, sap-contact 2 MB) get one sparser round, so the test stays in the tens of seconds.
        var large = new FileInfo(ImportTestData.SharedFile(file)).Length > 1_000_000;
        var rounds = large ? 1 : 3;
        for (var round = 0; round < rounds; round++)
        {
            var document = original.DeepClone().AsObject();
            if (round % 2 == 1 && document["openapi"] is not null)
            {
                document["openapi"] = "3.1.0"; // the 3.1 reader and writer take other paths through the same constructs
            }

            new SchemaMutator(new Random(Seed + round), rate: large ? 0.05 : 0.3).Mutate(document);

            ImportsEveryOperationOrSkipsIt(document, $"{file} round {round}");
        }
    }

    [SkippableFact]
    public void TheSeedToolSchemasImportAsRequestBodiesOfAMutatedDescription()
    {
        var seed = JsonNode.Parse(File.ReadAllBytes(ImportTestData.SharedFile("seed-data/tools/seed_mcp_tools.json")))!;
        var tools = seed["default"]!.AsArray();
        for (var round = 0; round < 3; round++)
        {
            var paths = new JsonObject();
            foreach (var tool in tools.OfType<JsonObject>())
            {
                paths["/tools/" + (string)tool["name"]!] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["operationId"] = (string)tool["name"]!,
                        ["requestBody"] = new JsonObject
                        {
                            ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = tool["inputSchema"]?.DeepClone() } },
                        },
                        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok" } },
                    },
                };
            }

            var document = new JsonObject
            {
                ["openapi"] = round == 1 ? "3.0.3" : "3.1.0",
                ["info"] = new JsonObject { ["title"] = "Seed tools", ["version"] = "1" },
                ["servers"] = new JsonArray(new JsonObject { ["url"] = "https://api.example.com" }),
                ["paths"] = paths,
            };
            new SchemaMutator(new Random(Seed + round), rate: 0.5).Mutate(document);

            ImportsEveryOperationOrSkipsIt(document, $"seed tools round {round}");
        }
    }

    private void ImportsEveryOperationOrSkipsIt(JsonObject document, string label)
    {
        var operations = CountOperations(document);
        var content = JsonSerializer.SerializeToUtf8Bytes(document);

        var api = ApiDescriptionImporter.Import(content, new ImportOptions("fuzz") { Timeout = TimeSpan.FromMinutes(3) });

        var skipped = api.Problems.Where(p => p.Skipped).ToList();
        output.WriteLine($"{label}: {operations} operations, {api.Tools.Count} tools, {skipped.Count} skipped");
        foreach (var problem in skipped.Take(5))
        {
            output.WriteLine($"  {problem.Operation}: {problem.Message}");
        }

        Assert.Equal(operations, api.OperationCount);
        Assert.Equal(operations, api.Tools.Count + skipped.Count);
        Assert.All(skipped, p => Assert.False(string.IsNullOrWhiteSpace(p.Operation)));
        Assert.All(skipped, p => Assert.DoesNotContain("   at ", p.Message, StringComparison.Ordinal));
        SchemaChecks.NamesAreUniqueAndMcpSafe(api.Tools);
        foreach (var tool in api.Tools)
        {
            Assert.NotNull(JsonNode.Parse(tool.InputSchema));
            if (tool.OutputSchema is not null)
            {
                Assert.NotNull(JsonNode.Parse(tool.OutputSchema));
            }
        }
    }

    private static JsonObject Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            return JsonNode.Parse(bytes)!.AsObject();
        }

        var yaml = new YamlStream();
        yaml.Load(new StringReader(Encoding.UTF8.GetString(bytes)));
        return YamlConverter.ToJsonNode(yaml.Documents[0])!.AsObject();
    }

    private static int CountOperations(JsonObject document)
    {
        if (document["paths"] is JsonObject paths)
        {
            return paths.Sum(path => path.Value is JsonObject item ? item.Count(p => HttpMethods.Contains(p.Key)) : 0);
        }

        return CountRequests(document["item"] as JsonArray);
    }

    private static int CountRequests(JsonArray? items) =>
        (items ?? []).OfType<JsonObject>().Sum(item => item["item"] is JsonArray children ? CountRequests(children) : 1);
}
