using System.Collections.Concurrent;
using System.Text.Json;
using Coworker.Catalog;
using Coworker.Catalog.Import;

namespace Coworker.Execution;

/// <summary>
/// The values a Postman request was saved with. The importer turns each literal saved value into an optional
/// argument whose schema <c>default</c> is that value (docs/importers.md); when the model leaves such an argument
/// out, the request must still carry the saved value, or it would not be the request the collection describes.
/// OpenAPI tools are left alone: there a <c>default</c> documents what the server assumes when the value is absent.
/// </summary>
public static class SavedDefaults
{
    private const int MaxCached = 10_000;
    private static readonly string PostmanFormat = DescriptionFormat.Postman21.Name();
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, JsonElement>> Cache = new(StringComparer.Ordinal);

    /// <summary>The saved value of an argument the call left out, if the tool was imported from Postman and has one.</summary>
    public static bool TryGet(ToolDefinition tool, string argument, out JsonElement value)
    {
        value = default;
        return tool.Origin.Format == PostmanFormat && Of(tool.InputSchema).TryGetValue(argument, out value);
    }

    private static IReadOnlyDictionary<string, JsonElement> Of(string inputSchema)
    {
        if (Cache.TryGetValue(inputSchema, out var cached))
        {
            return cached;
        }

        var defaults = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(inputSchema))
        {
            if (document.RootElement.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("default", out var saved)
                        && saved.ValueKind != JsonValueKind.Null)
                    {
                        defaults[property.Name] = saved.Clone();
                    }
                }
            }
        }

        if (Cache.Count < MaxCached)
        {
            Cache[inputSchema] = defaults;
        }

        return defaults;
    }
}
