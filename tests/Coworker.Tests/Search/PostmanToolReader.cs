using System.Text.Json.Nodes;
using Coworker.Catalog.Search;

namespace Coworker.Tests.Search;

/// <summary>Postman 2.1 requests into search documents: the request name is the title, folders are tags.</summary>
internal static class PostmanToolReader
{
    public static IEnumerable<ToolSearchDocument> Read(string file, string source, string tenant, ToolNames names)
    {
        var root = JsonNode.Parse(File.ReadAllText(file))!;
        var documents = new List<ToolSearchDocument>();
        Walk(root["item"] as JsonArray, [], documents, file, source, tenant, names);
        return documents;
    }

    private static void Walk(
        JsonArray? items, List<string> folders, List<ToolSearchDocument> into, string file, string source, string tenant, ToolNames names)
    {
        foreach (var item in items ?? [])
        {
            var name = (string?)item?["name"] ?? "";
            if (item?["item"] is JsonArray children)
            {
                Walk(children, [.. folders, name], into, file, source, tenant, names);
                continue;
            }

            if (item?["request"] is not JsonObject request)
            {
                continue;
            }

            var (path, parameters) = Url(request["url"]);
            var description = request["description"] switch
            {
                JsonValue v => (string?)v ?? "",
                JsonObject o => (string?)o["content"] ?? "",
                _ => "",
            };
            into.Add(new ToolSearchDocument(
                tenant, names.Next(source, name), name, description, ((string?)request["method"] ?? "GET").ToUpperInvariant(), path,
                parameters, folders.ToList(), Path.GetFileName(file), "Published"));
        }
    }

    private static (string Path, List<string> Parameters) Url(JsonNode? url)
    {
        if (url is JsonValue raw)
        {
            return (PathOf((string?)raw ?? ""), []);
        }

        var path = url?["path"] is JsonArray segments
            ? "/" + string.Join('/', segments.Select(s => (string?)s ?? ""))
            : PathOf((string?)url?["raw"] ?? "");
        var parameters = (url?["query"] as JsonArray ?? []).Concat(url?["variable"] as JsonArray ?? [])
            .Select(q => (string?)q?["key"] ?? "").Where(k => k.Length > 0).Distinct().ToList();
        return (path, parameters);
    }

    private static string PathOf(string raw)
    {
        var withoutQuery = raw.Split('?')[0];
        var scheme = withoutQuery.IndexOf("://", StringComparison.Ordinal);
        var start = scheme < 0 ? withoutQuery.IndexOf('/', StringComparison.Ordinal) : withoutQuery.IndexOf('/', scheme + 3);
        return start < 0 ? "/" : withoutQuery[start..];
    }
}
