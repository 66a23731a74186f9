using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coworker.Catalog;
using Json.Schema;

namespace Coworker.Tests.Import;

/// <summary>
/// What every imported tool must satisfy for an MCP client to accept it: an MCP-safe unique name, and an
/// input schema that is well-formed JSON Schema 2020-12 for the keywords the importer emits.
/// </summary>
internal static partial class SchemaChecks
{
    private static readonly HashSet<string> Types = ["object", "array", "string", "number", "integer", "boolean", "null"];
    private static readonly HashSet<string> SchemaMaps = ["properties", "patternProperties", "$defs", "dependentSchemas"];
    private static readonly HashSet<string> SchemaValues = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"];
    private static readonly HashSet<string> SchemaArrays = ["allOf", "anyOf", "oneOf", "prefixItems"];

    public static void NamesAreUniqueAndMcpSafe(IReadOnlyList<ToolDefinition> tools)
    {
        foreach (var tool in tools)
        {
            Assert.Matches(McpName(), tool.Name);
        }

        var duplicates = tools.GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "duplicate tool names: " + string.Join(", ", duplicates));
    }

    public static void ToolIsWellFormed(ToolDefinition tool)
    {
        var schema = Assert.IsType<JsonObject>(JsonNode.Parse(tool.InputSchema));
        Assert.Equal("object", (string?)schema["type"]);
        var properties = Assert.IsType<JsonObject>(schema["properties"]);
        foreach (var required in schema["required"] as JsonArray ?? [])
        {
            Assert.True(properties.ContainsKey((string)required!), $"{tool.Name}: required '{required}' is not a property");
        }

        foreach (var (name, _) in properties)
        {
            Assert.Matches(ArgumentName(), name);
        }

        foreach (var parameter in tool.Binding.Parameters)
        {
            Assert.True(properties.ContainsKey(parameter.Argument), $"{tool.Name}: bound argument '{parameter.Argument}' is not a property");
        }

        if (tool.Binding.BodyArgument is { } body)
        {
            Assert.True(properties.ContainsKey(body), $"{tool.Name}: body argument '{body}' is not a property");
        }

        IsSchema(schema, tool.Name + " input");
        ConformsToTheMetaSchema(tool.InputSchema, tool.Name + " input");
        if (tool.OutputSchema is not null)
        {
            IsSchema(JsonNode.Parse(tool.OutputSchema), tool.Name + " output");
            ConformsToTheMetaSchema(tool.OutputSchema, tool.Name + " output");
        }

        Assert.Matches("^[0-9a-f]{64}$", tool.SchemaHash);
    }

    /// <summary>Validates the schema against the JSON Schema 2020-12 meta-schema (JsonSchema.Net) and loads it as a schema.</summary>
    public static void ConformsToTheMetaSchema(string schema, string where)
    {
        using var document = JsonDocument.Parse(schema);
        var result = MetaSchemas.Draft202012.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, $"{where} is not valid JSON Schema 2020-12: {string.Join("; ", errors.Take(5))}");
        JsonSchema.FromText(schema);
    }

    /// <summary>Structural JSON Schema 2020-12 check of the keywords the importer produces; no "$ref" may remain.</summary>
    public static void IsSchema(JsonNode? node, string where)
    {
        if (node is JsonValue boolean && boolean.TryGetValue<bool>(out _))
        {
            return;
        }

        var schema = Assert.IsType<JsonObject>(node);
        Assert.False(schema.ContainsKey("$ref"), $"{where}: unresolved $ref {schema["$ref"]}");
        foreach (var (key, value) in schema)
        {
            var at = $"{where}/{key}";
            switch (key)
            {
                case "type":
                    var types = value is JsonArray list ? list.Select(t => (string?)t).ToList() : [(string?)value];
                    Assert.All(types, t => Assert.Contains(t ?? "?", Types));
                    break;
                case "required":
                    Assert.All(Assert.IsType<JsonArray>(value), r => Assert.IsType<string>((string?)r));
                    break;
                case "enum" or "examples":
                    Assert.IsType<JsonArray>(value);
                    break;
                case "description" or "title" or "format" or "pattern":
                    Assert.IsType<string>((string?)value);
                    break;
                case var _ when SchemaMaps.Contains(key):
                    foreach (var (name, sub) in Assert.IsType<JsonObject>(value))
                    {
                        IsSchema(sub, $"{at}/{name}");
                    }

                    break;
                case var _ when SchemaValues.Contains(key):
                    IsSchema(value, at);
                    break;
                case var _ when SchemaArrays.Contains(key):
                    var items = Assert.IsType<JsonArray>(value);
                    Assert.NotEmpty(items);
                    foreach (var item in items)
                    {
                        IsSchema(item, at);
                    }

                    break;
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex McpName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex ArgumentName();
}
