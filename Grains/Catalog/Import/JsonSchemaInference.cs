using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// A JSON Schema for a body known only by example (Postman raw JSON bodies). Properties whose example is an
/// unresolved placeholder ("{{name}}" or "&lt;name&gt;") are the ones the caller has to fill, so they are
/// required; the others are optional and keep nothing but their type.
/// </summary>
internal static class JsonSchemaInference
{
    public static JsonObject Infer(JsonNode? example, int maxDepth) => Infer(example, 0, maxDepth);

    public static bool IsPlaceholder(string text) =>
        PostmanVariables.HasVariable(text) || (text.Length > 2 && text[0] == '<' && text[^1] == '>' && text.IndexOf('<', 1) < 0);

    private static JsonObject Infer(JsonNode? node, int depth, int maxDepth)
    {
        if (depth >= maxDepth)
        {
            return new JsonObject { ["description"] = $"(truncated: nested deeper than {maxDepth} levels)" };
        }

        switch (node)
        {
            case JsonObject obj:
                var properties = new JsonObject();
                var required = new JsonArray();
                foreach (var (key, value) in obj)
                {
                    properties[key] = Infer(value, depth + 1, maxDepth);
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && IsPlaceholder(s))
                    {
                        required.Add(key);
                    }
                }

                var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
                if (required.Count > 0)
                {
                    schema["required"] = required;
                }

                return schema;
            case JsonArray array:
                var first = array.FirstOrDefault(i => i is not null);
                return first is null
                    ? new JsonObject { ["type"] = "array" }
                    : new JsonObject { ["type"] = "array", ["items"] = Infer(first, depth + 1, maxDepth) };
            case JsonValue value:
                return Scalar(value);
            default:
                return [];
        }
    }

    private static JsonObject Scalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                return IsPlaceholder(text)
                    ? new JsonObject { ["type"] = "string", ["description"] = $"Placeholder {text} in the saved request." }
                    : new JsonObject { ["type"] = "string" };
            case JsonValueKind.Number:
                return new JsonObject { ["type"] = value.TryGetValue<long>(out _) ? "integer" : "number" };
            case JsonValueKind.True:
            case JsonValueKind.False:
                return new JsonObject { ["type"] = "boolean" };
            default:
                return [];
        }
    }
}
