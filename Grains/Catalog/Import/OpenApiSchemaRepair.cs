using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// OpenAPI.NET reads the whole document in one pass and parses schema keywords with int.Parse, decimal.Parse
/// and bool.Parse: one "maxLength: 1e400", "multipleOf: 1e-400" or "readOnly: 1" anywhere made the whole
/// description unreadable. Before the document is read, such values are brought into the shape the reader
/// accepts (an integer too large for Int32 is clamped, a bound outside decimal range means no bound, "true"
/// becomes true) or dropped, so one odd schema costs at most that keyword, never the import. Values inside
/// examples, defaults, enums, consts and extensions are data and are left alone.
/// </summary>
internal static class OpenApiSchemaRepair
{
    // Values that are data (examples, defaults …) or plain strings (OAuth scopes, discriminator mappings,
    // security requirements): nothing in them is a schema keyword.
    private static readonly HashSet<string> Skipped = ["example", "examples", "default", "enum", "const", "value", "security", "scopes", "mapping"];

    // Objects whose keys are names (of properties, components, paths, media types …), never keywords: a
    // property called "maxLength" or "default" is a schema like any other.
    private static readonly HashSet<string> NameMaps =
    [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "schemas", "parameters", "responses",
        "headers", "content", "paths", "securitySchemes", "requestBodies", "links", "callbacks", "encoding", "variables",
        "pathItems", "webhooks",
    ];

    private static readonly HashSet<string> SchemaMaps = ["properties", "patternProperties", "$defs", "dependentSchemas"];
    private static readonly HashSet<string> Counts = ["maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties", "minContains", "maxContains"];
    private static readonly HashSet<string> Bounds = ["maximum", "minimum"];
    private static readonly HashSet<string> Flags = ["uniqueItems", "readOnly", "writeOnly", "nullable", "deprecated", "allowEmptyValue", "explode", "allowReserved"];
    private static readonly HashSet<string> Texts = ["pattern", "format", "title", "description", "$id", "$schema", "$comment", "$anchor", "$dynamicAnchor", "$dynamicRef"];

    /// <summary>Repairs the tree in place; returns a JSON pointer for each keyword it changed or dropped.</summary>
    public static IReadOnlyList<string> Repair(JsonNode root, bool openApi31, CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        var pending = new Stack<(JsonNode Node, string Pointer, string? NamesOf)>();
        pending.Push((root, string.Empty, null));
        var visited = 0;
        while (pending.TryPop(out var item))
        {
            if ((++visited & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            switch (item.Node)
            {
                case JsonObject names when item.NamesOf is not null:
                    if (SchemaMaps.Contains(item.NamesOf) || item.NamesOf is "schemas" or "definitions")
                    {
                        ReplaceBooleanSchemas(names, item.Pointer, changed);
                    }

                    foreach (var (name, value) in names)
                    {
                        if (value is JsonObject or JsonArray)
                        {
                            pending.Push((value, item.Pointer + "/" + JsonPointer.Escape(name), null));
                        }
                    }

                    break;
                case JsonObject obj:
                    RepairKeywords(obj, item.Pointer, openApi31, changed);
                    foreach (var (key, value) in obj)
                    {
                        if (value is JsonObject or JsonArray && !Skipped.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
                        {
                            pending.Push((value, item.Pointer + "/" + JsonPointer.Escape(key), value is JsonObject && NameMaps.Contains(key) ? key : null));
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonObject or JsonArray)
                        {
                            pending.Push((array[i]!, item.Pointer + "/" + i.ToString(CultureInfo.InvariantCulture), null));
                        }
                    }

                    break;
            }
        }

        return changed;
    }

    private static void RepairKeywords(JsonObject obj, string pointer, bool openApi31, List<string> changed)
    {
        foreach (var key in obj.Select(p => p.Key).ToList())
        {
            var value = obj[key];
            var replacement = key switch
            {
                _ when Counts.Contains(key) => SchemaKeywordValues.Count(value),
                _ when Bounds.Contains(key) => SchemaKeywordValues.Bound(value),
                "multipleOf" => SchemaKeywordValues.Bound(value) is JsonValue v && SchemaKeywordValues.Decimal(v) > 0 ? v : null,
                "exclusiveMaximum" or "exclusiveMinimum" => SchemaKeywordValues.Exclusive(obj, key, value, openApi31),
                _ when Flags.Contains(key) => SchemaKeywordValues.Flag(value),
                _ when Texts.Contains(key) => value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? value : null,
                "required" when value is JsonArray list => SchemaKeywordValues.StringList(list),
                "type" when value is JsonArray or JsonValue && IsSchemaLike(obj) => SchemaKeywordValues.Type(value),
                "additionalProperties" or "unevaluatedProperties" or "items" or "not" => value is JsonObject or JsonArray ? value : SchemaKeywordValues.Flag(value),
                _ when SchemaMaps.Contains(key) => value is JsonObject ? value : null,
                "allOf" or "anyOf" or "oneOf" => value is JsonArray branches ? Branches(branches) : null,
                "parameters" when value is JsonArray parameters => UniqueParameters(parameters),
                _ => value,
            };

            if (ReferenceEquals(replacement, value))
            {
                continue;
            }

            changed.Add(pointer + "/" + JsonPointer.Escape(key));
            if (replacement is null)
            {
                obj.Remove(key);
            }
            else
            {
                obj[key] = replacement.Parent is null ? replacement : replacement.DeepClone();
            }
        }
    }

    // A schema (or a Swagger 2 parameter, which carries schema keywords itself) rather than a security scheme,
    // whose "type" is apiKey, http, oauth2 …
    private static bool IsSchemaLike(JsonObject obj) => !obj.ContainsKey("flows") && !obj.ContainsKey("scheme") && !obj.ContainsKey("openIdConnectUrl")
        && !(obj["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String && (string?)t is "apiKey" or "http" or "oauth2" or "openIdConnect" or "basic" or "mutualTLS");


    // OpenAPI.NET 2.13 throws a NullReferenceException while registering a document whose property or
    // component schema is a boolean schema, and drops "true" branches of anyOf: both are spelled as the
    // equivalent objects, {} for true and {"not": {}} for false.
    private static void ReplaceBooleanSchemas(JsonObject map, string pointer, List<string> changed)
    {
        foreach (var name in map.Where(p => p.Value is not JsonObject).Select(p => p.Key).ToList())
        {
            var replacement = BooleanSchema(map[name]);
            changed.Add(pointer + "/" + JsonPointer.Escape(name));
            if (replacement is null)
            {
                map.Remove(name);
            }
            else
            {
                map[name] = replacement;
            }
        }
    }

    private static JsonNode? Branches(JsonArray branches)
    {
        if (branches.All(b => b is JsonObject))
        {
            return branches;
        }

        var result = new JsonArray();
        foreach (var branch in branches)
        {
            if ((branch is JsonObject ? branch.DeepClone() : BooleanSchema(branch)) is { } schema)
            {
                result.Add(schema);
            }
        }

        return result.Count > 0 ? result : null;
    }

    // Two parameters with one name and location in one list are invalid, and OpenAPI.NET's Swagger 2 reader
    // throws on two formData fields of one name while building the body; the first one stays.
    private static JsonNode UniqueParameters(JsonArray parameters)
    {
        var seen = new HashSet<(string, string)>();
        var duplicates = new List<JsonNode>();
        foreach (var parameter in parameters.OfType<JsonObject>())
        {
            if (parameter["name"] is JsonValue name && name.GetValueKind() == JsonValueKind.String
                && parameter["in"] is JsonValue location && location.GetValueKind() == JsonValueKind.String
                && !seen.Add(((string)name!, (string)location!)))
            {
                duplicates.Add(parameter);
            }
        }

        if (duplicates.Count == 0)
        {
            return parameters;
        }

        return new JsonArray([.. parameters.Where(p => !duplicates.Contains(p!)).Select(p => p?.DeepClone())]);
    }

    private static JsonObject? BooleanSchema(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.True => [],
        JsonValueKind.False => new JsonObject { ["not"] = new JsonObject() },
        _ => null,
    };

}
