using System.Globalization;
using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// Reads a Postman Collection v2.1 JSON tree into the small model. The format allows several spellings of
/// the same thing (a URL as a string or an object, host and path as strings or arrays, descriptions as
/// strings or objects, a request as a bare URL); all of them end up in one shape here.
/// </summary>
internal static class PostmanReader
{
    public static PostmanCollection Read(JsonObject root)
    {
        var info = root["info"] as JsonObject;
        return new PostmanCollection(
            Text(info?["name"]) ?? "Postman collection",
            Text(info?["version"]),
            Items(root["item"], "/item"),
            Auth(root["auth"]),
            KeyValues(root["variable"]));
    }

    private static List<PostmanItem> Items(JsonNode? node, string pointer)
    {
        var items = new List<PostmanItem>();
        if (node is not JsonArray array)
        {
            return items;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                items.Add(Item(item, $"{pointer}/{i.ToString(CultureInfo.InvariantCulture)}"));
            }
        }

        return items;
    }

    private static PostmanItem Item(JsonObject obj, string pointer)
    {
        var name = Text(obj["name"]) ?? "request";
        var isFolder = obj["item"] is JsonArray;
        return new PostmanItem(
            name,
            pointer,
            Description(obj["description"]),
            isFolder,
            isFolder ? null : Request(obj["request"]),
            isFolder ? Items(obj["item"], pointer + "/item") : [],
            Auth(obj["auth"]),
            KeyValues(obj["variable"]));
    }

    private static PostmanRequest? Request(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var url) => new PostmanRequest("GET", PostmanUrlParser.Parse(url), [], null, null, null),
        JsonObject obj => new PostmanRequest(
            (Text(obj["method"]) ?? "GET").ToUpperInvariant(),
            Url(obj["url"]),
            Headers(obj["header"]),
            Body(obj["body"]),
            Auth(obj["auth"]),
            Description(obj["description"])),
        _ => null,
    };

    private static PostmanUrl Url(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return PostmanUrlParser.Parse(Text(node) ?? string.Empty);
        }

        var parsed = PostmanUrlParser.Parse(Text(obj["raw"]) ?? string.Empty);
        var host = obj["host"] switch
        {
            JsonArray parts => parts.Select(Text).OfType<string>().ToList(),
            JsonValue single when Text(single) is { } text => [.. text.Split('.')],
            _ => parsed.Host,
        };
        var path = obj["path"] switch
        {
            JsonArray parts => parts.Select(p => p is JsonObject segment ? Text(segment["value"]) : Text(p)).OfType<string>().ToList(),
            JsonValue single when Text(single) is { } text => [.. text.Split('/', StringSplitOptions.RemoveEmptyEntries)],
            _ => parsed.Path,
        };
        var query = obj["query"] is JsonArray ? KeyValues(obj["query"]) : parsed.Query;
        return new PostmanUrl(Text(obj["protocol"]) ?? parsed.Protocol, host, Text(obj["port"]) ?? parsed.Port, path, query, KeyValues(obj["variable"]));
    }

    private static List<PostmanKeyValue> Headers(JsonNode? node)
    {
        if (node is JsonArray)
        {
            return KeyValues(node);
        }

        // A header block may also be saved as raw "Key: Value" lines.
        return (Text(node) ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => new PostmanKeyValue(parts[0].Trim(), parts[1].Trim(), false, null, null))
            .ToList();
    }

    private static PostmanBody? Body(JsonNode? node)
    {
        if (node is not JsonObject obj || obj["disabled"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
        {
            return null;
        }

        var mode = Text(obj["mode"]) ?? "raw";
        var language = Text((obj["options"]?["raw"] as JsonObject)?["language"]);
        var fields = KeyValues(obj[mode] is JsonArray ? obj[mode] : null);
        return new PostmanBody(mode, Text(obj["raw"]), language, fields, obj["graphql"] as JsonObject);
    }

    private static PostmanAuth? Auth(JsonNode? node)
    {
        if (node is not JsonObject obj || Text(obj["type"]) is not { } type)
        {
            return null;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (obj[type])
        {
            case JsonArray list:
                foreach (var entry in list.OfType<JsonObject>())
                {
                    if (Text(entry["key"]) is { } key && Text(entry["value"]) is { } value)
                    {
                        parameters[key] = value;
                    }
                }

                break;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    if (Text(value) is { } text)
                    {
                        parameters[key] = text;
                    }
                }

                break;
        }

        return new PostmanAuth(type.ToLowerInvariant(), parameters);
    }

    private static List<PostmanKeyValue> KeyValues(JsonNode? node) =>
        node is JsonArray array
            ? array.OfType<JsonObject>()
                .Select(e => new PostmanKeyValue(
                    Text(e["key"]) ?? Text(e["id"]) ?? string.Empty,
                    Text(e["value"]),
                    e["disabled"]?.GetValueKind() == System.Text.Json.JsonValueKind.True,
                    Description(e["description"]),
                    Text(e["type"])))
                .Where(e => e.Key.Length > 0)
                .ToList()
            : [];

    private static string? Description(JsonNode? node) => node is JsonObject obj ? Text(obj["content"]) : Text(node);

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };
}
