using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// Produces a self-contained JSON Schema (2020-12) from a schema that may use "$ref": references are
/// inlined, a reference already being expanded (a recursive schema) and anything nested deeper than the
/// depth limit become a stub whose description says so, and a node budget bounds fan-out. OpenAPI-only
/// keywords (xml, discriminator, externalDocs, x-*) are dropped; "example" becomes "examples".
/// Descriptions and titles pass the poisoning screen on the way. A composition with more branches than
/// allowed (a 10,000-branch anyOf made a 710 KB tool) throws <see cref="ImportLimitException"/>, which
/// skips the operation: cutting branches would silently change what the tool accepts.
/// </summary>
internal sealed class SchemaInliner(
    Func<string, JsonNode?> resolve,
    int maxDepth,
    int maxNodes,
    int maxBranches,
    int maxText,
    ICollection<string> flags,
    CancellationToken cancellationToken)
{
    private static readonly HashSet<string> SchemaMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
    private static readonly HashSet<string> SchemaValues = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema"];
    private static readonly HashSet<string> SchemaArrays = ["allOf", "anyOf", "oneOf", "prefixItems"];
    private const string UnrecognizedKeywords = "unrecognizedKeywords";

    private static readonly HashSet<string> Dropped = ["xml", "discriminator", "externalDocs", "$schema", "$id", "$comment", "$anchor", "$dynamicAnchor"];

    private readonly HashSet<string> _active = new(StringComparer.Ordinal);

    // The $defs of the schemas being walked, innermost last: "#/$defs/x" (which OpenAPI.NET rewrites into a
    // pointer that often does not resolve) means the nearest enclosing schema's definition.
    private readonly List<JsonObject> _defs = [];
    private int _nodes;
    private string _where = "schema";

    /// <summary>Inlines one root schema; the node budget applies per root.</summary>
    public JsonNode Inline(JsonNode? schema, string where)
    {
        _nodes = 0;
        _where = where;
        return schema is null ? new JsonObject() : Walk(schema, 0);
    }

    private JsonNode Walk(JsonNode node, int depth)
    {
        if (node is not JsonObject obj)
        {
            return node.DeepClone();
        }

        if ((++_nodes & 0xFF) == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        // Pushed before a "$ref" is followed too: its sibling "$defs" are in scope for what it refers to.
        var defs = obj["$defs"] as JsonObject;
        if (defs is not null)
        {
            _defs.Add(defs);
        }

        try
        {
            return WalkObject(obj, depth);
        }
        finally
        {
            if (defs is not null)
            {
                _defs.RemoveAt(_defs.Count - 1);
            }
        }
    }

    private JsonNode WalkObject(JsonObject obj, int depth)
    {
        if (obj["$ref"] is JsonValue refValue && refValue.TryGetValue<string>(out var reference))
        {
            return WalkReference(obj, reference, depth);
        }

        if (depth >= maxDepth && HasSubschemas(obj))
        {
            return Stub(obj, $"truncated: nested deeper than {maxDepth} levels");
        }

        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (value is null && key != "default" && key != "const")
            {
                continue;
            }

            if (key == UnrecognizedKeywords && value is JsonObject unrecognized)
            {
                // OpenAPI.NET's 3.1 writer nests the keywords it has no property for (prefixItems,
                // unevaluatedItems, dependentRequired …) under this name; they belong to the schema itself.
                foreach (var (keyword, inner) in unrecognized)
                {
                    if (!obj.ContainsKey(keyword))
                    {
                        Copy(result, unrecognized, keyword, inner, depth);
                    }
                }

                continue;
            }

            Copy(result, obj, key, value, depth);
        }

        RetypeConst(result);
        return result;
    }

    // The reader keeps "const" as text, so the writer turns const 1 into "1"; when the schema cannot be a
    // string, the text is read back as the JSON scalar it was.
    private static void RetypeConst(JsonObject schema)
    {
        if (schema["const"] is not JsonValue constant || !constant.TryGetValue<string>(out var text) || schema["type"] is not { } type)
        {
            return;
        }

        var types = type is JsonArray list ? list.Select(t => t?.ToString()).ToList() : [type.ToString()];
        if (types.Contains("string"))
        {
            return;
        }

        try
        {
            if (JsonNode.Parse(text) is JsonValue scalar)
            {
                schema["const"] = scalar;
            }
            else if (text == "null")
            {
                schema["const"] = null;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a JSON scalar: leave it as the description said it.
        }
    }

    private void Copy(JsonObject result, JsonObject source, string key, JsonNode? value, int depth)
    {
        _nodes++;
        if (Dropped.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal))
        {
            return;
        }

        if (key == "items" && value is JsonArray tuple)
        {
            // Draft-4 style tuple: 2020-12 spells it prefixItems.
            result["prefixItems"] = new JsonArray([.. tuple.Where(i => i is not null).Select(i => Walk(i!, depth + 1))]);
            return;
        }

        if (key == "example")
        {
            if (!source.ContainsKey("examples"))
            {
                result["examples"] = new JsonArray(value?.DeepClone());
            }

            return;
        }

        if (value is JsonArray branches && SchemaArrays.Contains(key) && branches.Count > maxBranches)
        {
            throw new ImportLimitException($"the {_where} has an '{key}' of {branches.Count} branches; the limit is {maxBranches}");
        }

        result[key] = value switch
        {
            JsonObject map when SchemaMaps.Contains(key) => WalkMap(map, depth),
            JsonArray list when SchemaArrays.Contains(key) => new JsonArray([.. list.Where(i => i is not null).Select(i => Walk(i!, depth + 1))]),
            not null when SchemaValues.Contains(key) => Walk(value, depth + 1),
            JsonValue text when key is "description" or "title" && text.TryGetValue<string>(out var s) =>
                PoisoningScreen.Clean(s, multiline: key == "description", flags, _where, maxText),
            _ => value?.DeepClone(),
        };
    }

    private JsonObject WalkMap(JsonObject map, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, schema) in map)
        {
            result[name] = schema is null ? new JsonObject() : Walk(schema, depth + 1);
        }

        return result;
    }

    private JsonNode WalkReference(JsonObject obj, string reference, int depth)
    {
        var (target, chain) = Resolve(reference);
        if (_active.Contains(reference))
        {
            return Stub(target as JsonObject ?? obj, $"recursive reference to {Name(reference)} truncated");
        }

        if (_nodes > maxNodes)
        {
            return Stub(target as JsonObject ?? obj, $"{Name(reference)} omitted: schema size limit reached");
        }

        foreach (var link in chain)
        {
            _active.Add(link);
        }

        var inlined = Walk(target, depth);
        foreach (var link in chain)
        {
            _active.Remove(link);
        }

        // Keywords next to "$ref" (description, title, example, nullable …) describe this use and win.
        if (inlined is JsonObject merged)
        {
            foreach (var (key, value) in obj)
            {
                if (key != "$ref")
                {
                    Copy(merged, obj, key, value, depth);
                }
            }
        }

        return inlined;
    }

    // Follows a chain of pure aliases (a schema that is only "$ref") to the first schema with content.
    private (JsonNode Target, List<string> Chain) Resolve(string reference)
    {
        var chain = new List<string> { reference };
        var current = reference;
        while (true)
        {
            var target = resolve(current) ?? LocalDefinition(current) ?? throw new SchemaReferenceException(current, cycle: false);
            if (target is JsonObject { Count: 1 } alias && alias["$ref"] is JsonValue next && next.TryGetValue<string>(out var nextRef))
            {
                if (chain.Contains(nextRef, StringComparer.Ordinal))
                {
                    throw new SchemaReferenceException(nextRef, cycle: true);
                }

                chain.Add(nextRef);
                current = nextRef;
                continue;
            }

            return (target, chain);
        }
    }

    private JsonNode? LocalDefinition(string reference)
    {
        var at = reference.LastIndexOf("$defs/", StringComparison.Ordinal);
        if (at < 0 || (at > 0 && reference[at - 1] != '/'))
        {
            return null;
        }

        var name = JsonPointer.Unescape(Uri.UnescapeDataString(reference[(at + "$defs/".Length)..]));
        for (var i = _defs.Count - 1; i >= 0; i--)
        {
            if (_defs[i][name] is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static bool HasSubschemas(JsonObject obj) =>
        obj.Any(p => SchemaMaps.Contains(p.Key) || SchemaValues.Contains(p.Key) || SchemaArrays.Contains(p.Key) || p.Key == "$ref");

    private JsonObject Stub(JsonObject original, string note)
    {
        var type = original["type"]?.DeepClone() ?? "object";
        var description = original["description"] is JsonValue d && d.TryGetValue<string>(out var text)
            ? PoisoningScreen.Clean(text, multiline: true, flags, _where, maxText) + " "
            : string.Empty;
        return new JsonObject { ["type"] = type, ["description"] = $"{description}({note})" };
    }

    private static string Name(string reference) => reference[(reference.LastIndexOf('/') + 1)..];
}
