using Coworker.Catalog.Search;

namespace Coworker.Tests.Search;

/// <summary>
/// Every operation of ../shared/specs (10 API descriptions, ~1,700 operations) plus the 78 seed MCP tools, as one
/// tenant's tools: the haystack the paraphrased queries are evaluated against.
/// </summary>
internal static class SharedToolCorpus
{
    private static readonly (string File, string Source)[] Specs =
    [
        ("calendar-v3.openapi.yaml", "calendar"), ("drive-v3.openapi.yaml", "drive"), ("gmail-v1.openapi.yaml", "gmail"),
        ("github-rest.api.github.com.json", "github"), ("slack-web.slack_web_openapi_v2.json", "slack"),
        ("sap-ai-core.AI_CORE_API.yaml", "sapaicore"), ("petstore-swagger2.petstore.json", "petstore2"),
        ("petstore-v3.openapi.yaml", "petstore3"),
    ];

    private static readonly (string File, string Source)[] Collections =
    [
        ("msgraph.Microsoft_Graph.postman_collection.json", "msgraph"), ("wise.TW-API.postman_collection.json", "wise"),
    ];

    public static List<ToolSearchDocument> Load(string sharedDirectory, string tenant)
    {
        var names = new ToolNames();
        var documents = SeedToolReader.Read(Path.Combine(sharedDirectory, "seed-data", "tools", "seed_mcp_tools.json"), tenant, names).ToList();
        foreach (var (file, source) in Specs)
        {
            documents.AddRange(OpenApiToolReader.Read(Path.Combine(sharedDirectory, "specs", file), source, tenant, names));
        }

        foreach (var (file, source) in Collections)
        {
            documents.AddRange(PostmanToolReader.Read(Path.Combine(sharedDirectory, "specs", file), source, tenant, names));
        }

        return documents;
    }
}
