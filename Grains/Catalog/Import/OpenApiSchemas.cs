using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Coworker.Catalog.Import;

/// <summary>
/// Bridges OpenAPI.NET's object model to JSON Schema text. Every schema is written with the library's
/// OpenAPI 3.1 writer (which already turns 3.0 "nullable" and Swagger 2 "type: file" into 2020-12 forms),
/// and component schemas are written once and looked up by "$ref" while inlining.
/// </summary>
internal sealed class OpenApiSchemas(OpenApiDocument document)
{
    private const string ComponentsPrefix = "#/components/schemas/";
    private const string DefinitionsPrefix = "#/definitions/";

    private readonly Dictionary<string, JsonNode?> _components = new(StringComparer.Ordinal);

    public static JsonNode ToJson(IOpenApiSerializable element)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var writer = new OpenApiJsonWriter(text, new OpenApiJsonWriterSettings { Terse = true });
        element.SerializeAsV31(writer);
        writer.FlushAsync().GetAwaiter().GetResult();
        return JsonNode.Parse(OpenApiWriterOutput.Repair(text.ToString())) ?? new JsonObject();
    }

    /// <summary>Resolves "#/components/schemas/Name[/pointer…]" (and Swagger's "#/definitions/…"); null when it does not exist.</summary>
    public JsonNode? Resolve(string reference)
    {
        var prefix = reference.StartsWith(ComponentsPrefix, StringComparison.Ordinal) ? ComponentsPrefix
            : reference.StartsWith(DefinitionsPrefix, StringComparison.Ordinal) ? DefinitionsPrefix
            : null;
        if (prefix is null)
        {
            return null;
        }

        var segments = reference[prefix.Length..].Split('/');
        var name = JsonPointer.Unescape(Uri.UnescapeDataString(segments[0]));
        var node = Component(name);
        foreach (var segment in segments.Skip(1))
        {
            var key = JsonPointer.Unescape(Uri.UnescapeDataString(segment));
            node = node switch
            {
                JsonObject obj => obj[key],
                JsonArray array when int.TryParse(key, out var i) && i >= 0 && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    private JsonNode? Component(string name)
    {
        if (!_components.TryGetValue(name, out var node))
        {
            node = document.Components?.Schemas is { } schemas && schemas.TryGetValue(name, out var schema) && schema is not null
                ? ToJson(schema)
                : null;
            _components[name] = node;
        }

        return node;
    }
}
