using System.Text.Json.Nodes;

namespace Coworker.Tests.Import;

/// <summary>
/// Rewrites the schemas of an API description with the JSON Schema constructs real 3.1 documents use and
/// importers trip over: type arrays, const, examples arrays, keywords beside "$ref", prefixItems,
/// unevaluatedProperties, patternProperties, $defs, if/then/else, boolean schemas, long, unicode and
/// escaped strings, numbers no double holds. Deterministic for a given <see cref="Random"/> seed.
/// </summary>
internal sealed class SchemaMutator(Random random, double rate)
{
    private static readonly string[] Strings =
    [
        "plain",
        "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 del \u007f",
        "unicode: é ß 中文 العربية עברית 😀 \u200b\u202e\u2028\u2029 end",
        "lone high surrogate \ud800 here",
        "lone low surrogate \udc00 here",
        "</script><script>alert(1)</script> & < > ' `",
        "{{variable}} {braces} [brackets] $ref #/components/schemas/Missing",
        "^(a+)+$",
        "[unclosed",
        "\\p{L}+\\d{2,}(?<name>x)",
        new string('x', 20_000),
        string.Concat(Enumerable.Repeat("😀é\u0000", 1_000)),
    ];

    private static readonly string[] Numbers =
    [
        "1e400", "-1e400", "1e-400", "0.1", "-0", "12345678901234567890123456789012345678901234567890",
        "9223372036854775808", "-9223372036854775809", "3.4028235e39", "1.7976931348623157e308", "4.9e-324", "0",
    ];

    private readonly List<string> _references = [];
    private bool _openApi31;

    /// <summary>Mutates the description in place: every schema object is changed with probability <c>rate</c>.</summary>
    public void Mutate(JsonObject document)
    {
        _openApi31 = ((string?)document["openapi"])?.StartsWith("3.1", StringComparison.Ordinal) == true;
        foreach (var container in new[] { document["components"]?["schemas"], document["definitions"] })
        {
            if (container is JsonObject schemas)
            {
                var prefix = container == document["definitions"] ? "#/definitions/" : "#/components/schemas/";
                _references.AddRange(schemas.Select(p => prefix + p.Key));
            }
        }

        Walk(document, Role.Other, depth: 0);
    }

    private enum Role
    {
        Other,
        Schema,
        SchemaMap,
        SchemaArray,
    }

    private void Walk(JsonNode? node, Role role, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj when role == Role.SchemaMap:
                foreach (var (_, value) in obj.ToList())
                {
                    Walk(value, Role.Schema, depth + 1);
                }

                break;
            case JsonObject obj:
                if (role == Role.Schema && random.NextDouble() < rate)
                {
                    MutateSchema(obj);
                }

                foreach (var (key, value) in obj.ToList())
                {
                    if (role == Role.Other && key is "raw" or "value" or "key" or "name" && value is JsonValue text
                        && text.GetValueKind() == System.Text.Json.JsonValueKind.String && random.NextDouble() < rate)
                    {
                        // Postman has no schemas: its saved values and raw bodies get the same strings instead.
                        obj[key] = key == "raw" && random.Next(2) == 0 ? Value()?.ToJsonString() ?? "null" : String();
                        continue;
                    }

                    Walk(value, ChildRole(key, role), depth + 1);
                }

                break;
            case JsonArray array:
                foreach (var item in array.ToList())
                {
                    Walk(item, role == Role.SchemaArray ? Role.Schema : Role.Other, depth + 1);
                }

                break;
        }
    }

    private static Role ChildRole(string key, Role parent) => parent == Role.Schema
        ? key switch
        {
            "properties" or "patternProperties" or "$defs" or "definitions" or "dependentSchemas" => Role.SchemaMap,
            "items" or "additionalProperties" or "not" or "if" or "then" or "else" or "contains" or "propertyNames"
                or "unevaluatedProperties" or "unevaluatedItems" or "contentSchema" => Role.Schema,
            "allOf" or "anyOf" or "oneOf" or "prefixItems" => Role.SchemaArray,
            _ => Role.Other,
        }
        : key switch
        {
            "schema" or "inputSchema" => Role.Schema,
            "schemas" or "definitions" => Role.SchemaMap,
            _ => Role.Other,
        };

    private void MutateSchema(JsonObject schema)
    {
        switch (random.Next(20))
        {
            case 0:
                schema["type"] = new JsonArray(schema["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)schema["type"] : "string", "null");
                break;
            case 1:
                schema["const"] = Value();
                break;
            case 2:
                schema["examples"] = new JsonArray(Value(), Value(), new JsonArray(Value()), new JsonObject { ["k"] = Value() });
                break;
            case 3 when _references.Count > 0:
                schema.Clear();
                schema["$ref"] = _references[random.Next(_references.Count)];
                schema["description"] = String();
                schema["default"] = Value();
                schema["nullable"] = true;
                schema["examples"] = new JsonArray(Value());
                schema["readOnly"] = true;
                break;
            case 4:
                schema["prefixItems"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["const"] = Value() }, JsonValue.Create(false));
                schema["items"] = random.Next(2) == 0 ? JsonValue.Create(false) : new JsonObject { ["type"] = "integer", ["maximum"] = Number() };
                break;
            case 5:
                schema["unevaluatedProperties"] = random.Next(2) == 0 ? JsonValue.Create(false) : new JsonObject { ["type"] = "string", ["pattern"] = String() };
                schema["unevaluatedItems"] = JsonValue.Create(true);
                break;
            case 6:
                var pattern = String();
                schema["patternProperties"] = new JsonObject { [pattern[..Math.Min(40, pattern.Length)]] = new JsonObject { ["type"] = "string" }, ["^x-"] = JsonValue.Create(true) };
                break;
            case 7:
                // A reference into $defs only means something to a 3.1 reader; 3.0 takes any "#/…" as a component.
                var inner = _openApi31 ? new JsonObject { ["$ref"] = "#/$defs/inner" } : new JsonObject { ["type"] = "string" };
                schema["$defs"] = new JsonObject { ["inner"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["a"] = inner } } };
                schema["$id"] = "https://example.com/" + random.Next();
                schema["$anchor"] = "a" + random.Next();
                break;
            case 8:
                schema["if"] = new JsonObject { ["properties"] = new JsonObject { ["kind"] = new JsonObject { ["const"] = Value() } } };
                schema["then"] = new JsonObject { ["required"] = new JsonArray("a") };
                schema["else"] = JsonValue.Create(false);
                break;
            case 9:
                if (schema["properties"] is JsonObject properties && properties.Count > 0)
                {
                    var name = properties.ElementAt(random.Next(properties.Count)).Key;
                    properties[name] = JsonValue.Create(random.Next(2) == 0);
                }
                else
                {
                    schema["additionalProperties"] = JsonValue.Create(random.Next(2) == 0);
                }

                break;
            case 10:
                schema["enum"] = new JsonArray(String(), String(), Value(), JsonValue.Create((string?)null), Number());
                break;
            case 11:
                schema["default"] = Value();
                break;
            case 12:
                schema["pattern"] = String();
                break;
            case 13:
                schema["minimum"] = Number();
                schema["maximum"] = Number();
                schema["exclusiveMinimum"] = random.Next(2) == 0 ? Number() : JsonValue.Create(true);
                schema["multipleOf"] = Number();
                break;
            case 14:
                schema["maxLength"] = Number();
                schema["minItems"] = Number();
                schema["maxProperties"] = Number();
                break;
            case 15:
                schema["example"] = Value();
                schema["description"] = String();
                schema["title"] = String();
                break;
            case 16:
                schema["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, JsonValue.Create(true), new JsonObject { ["type"] = new JsonArray("integer", "null") });
                schema["dependentSchemas"] = new JsonObject { ["a"] = new JsonObject { ["required"] = new JsonArray("b") } };
                schema["dependentRequired"] = new JsonObject { ["a"] = new JsonArray("b") };
                break;
            case 17:
                schema["contains"] = new JsonObject { ["type"] = "number", ["minimum"] = Number() };
                schema["minContains"] = 1;
                schema["propertyNames"] = new JsonObject { ["pattern"] = String() };
                schema["contentMediaType"] = "application/json";
                schema["contentEncoding"] = "base64";
                schema["contentSchema"] = new JsonObject { ["type"] = "object" };
                break;
            case 18:
                schema["format"] = String();
                schema["$comment"] = String();
                schema["deprecated"] = true;
                schema["x-extension"] = Value();
                break;
            default:
                schema["not"] = random.Next(2) == 0 ? JsonValue.Create(true) : new JsonObject { ["type"] = new JsonArray("null", "boolean") };
                schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
                schema["$dynamicRef"] = "#meta";
                break;
        }
    }

    private string String() => Strings[random.Next(Strings.Length)];

    private string Key()
    {
        var text = String();
        return text[..Math.Min(20, text.Length)];
    }

    // JsonNode.Parse keeps the number's text, so 1e400 reaches the description unchanged.
    private JsonNode Number() => JsonNode.Parse(Numbers[random.Next(Numbers.Length)])!;

    private JsonNode? Value() => random.Next(6) switch
    {
        0 => Number(),
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => null,
        3 => new JsonArray(String(), Number()),
        4 => new JsonObject { [Key()] = Number() },
        _ => JsonValue.Create(String()),
    };
}
