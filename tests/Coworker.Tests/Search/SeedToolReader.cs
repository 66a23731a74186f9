using System.Text.Json.Nodes;
using Coworker.Catalog.Search;

namespace Coworker.Tests.Search;

/// <summary>The original platform's MCP tools (seed-data/tools/seed_mcp_tools.json) as search documents.</summary>
internal static class SeedToolReader
{
    public static IEnumerable<ToolSearchDocument> Read(string file, string tenant, ToolNames names)
    {
        var root = JsonNode.Parse(File.ReadAllText(file))!;
        foreach (var group in root.AsObject())
        {
            foreach (var tool in group.Value as JsonArray ?? [])
            {
                var name = (string?)tool?["name"];
                if (name is null || !names.Reserve(name))
                {
                    continue;
                }

                var input = tool!["staticInput"];
                var path = input?["url"]?["path"] is JsonArray segments ? "/" + string.Join('/', segments.Select(s => (string?)s ?? "")) : "/";
                yield return new ToolSearchDocument(
                    tenant, name, "", (string?)tool["description"] ?? "", ((string?)input?["method"] ?? "GET").ToUpperInvariant(),
                    path, PropertyNames(tool["inputSchema"]).Distinct().ToList(), [group.Key], Path.GetFileName(file), "Published");
            }
        }
    }

    // Top-level properties, and those of object-typed properties one level down (the seed wraps bodies in "aint_body").
    private static IEnumerable<string> PropertyNames(JsonNode? schema)
    {
        foreach (var (name, property) in schema?["properties"] as JsonObject ?? [])
        {
            if (property?["properties"] is JsonObject nested)
            {
                foreach (var (inner, _) in nested)
                {
                    yield return inner;
                }
            }
            else
            {
                yield return name;
            }
        }
    }
}
