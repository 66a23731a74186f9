using System.Text.Json.Nodes;
using Coworker.Catalog.Search;
using YamlDotNet.Serialization;

namespace Coworker.Tests.Search;

/// <summary>
/// A light reader of OpenAPI 3 / Swagger 2 operations into search documents (method, path, operationId, summary,
/// description, parameter names, tags). Not the importer: just enough to index the shared specs.
/// </summary>
internal static class OpenApiToolReader
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    public static IEnumerable<ToolSearchDocument> Read(string file, string source, string tenant, ToolNames names)
    {
        var root = Load(file);
        if (root["paths"] is not JsonObject paths)
        {
            yield break;
        }

        foreach (var (path, item) in paths)
        {
            if (item is not JsonObject pathItem)
            {
                continue;
            }

            var shared = ParameterNames(root, pathItem["parameters"]);
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject op)
                {
                    continue;
                }

                var operationId = (string?)op["operationId"] ?? $"{method} {path}";
                var parameters = shared.Concat(ParameterNames(root, op["parameters"])).Distinct().ToList();
                var tags = op["tags"] is JsonArray t ? t.Select(x => (string?)x ?? "").Where(x => x.Length > 0).ToList() : [];
                yield return new ToolSearchDocument(
                    tenant, names.Next(source, operationId), (string?)op["summary"] ?? "", (string?)op["description"] ?? "",
                    method.ToUpperInvariant(), path, parameters, tags, Path.GetFileName(file), "Published");
            }
        }
    }

    private static List<string> ParameterNames(JsonNode root, JsonNode? parameters)
    {
        var names = new List<string>();
        if (parameters is not JsonArray list)
        {
            return names;
        }

        foreach (var parameter in list)
        {
            var resolved = parameter?["$ref"] is JsonValue reference ? Resolve(root, (string)reference!) : parameter;
            if ((string?)resolved?["name"] is { } name && (string?)resolved?["in"] != "body")
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static JsonNode? Resolve(JsonNode root, string reference)
    {
        JsonNode? node = root;
        foreach (var part in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node;
    }

    private static JsonNode Load(string file)
    {
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return JsonNode.Parse(File.ReadAllText(file))!;
        }

        // YAML -> plain objects -> JsonNode, so both formats are read by one walker.
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(file));
        return ToJson(yaml)!;
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        IDictionary<object, object> map => new JsonObject(map.Select(e => KeyValuePair.Create(e.Key.ToString()!, ToJson(e.Value)))),
        IList<object> list => new JsonArray(list.Select(ToJson).ToArray()),
        null => null,
        _ => JsonValue.Create(value.ToString()),
    };
}
