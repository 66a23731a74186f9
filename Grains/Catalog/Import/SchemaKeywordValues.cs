using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// The value rules of <see cref="OpenApiSchemaRepair"/>: each returns the value unchanged (same instance) when
/// the reader can hold it, a replacement it can hold, or null to drop the keyword.
/// </summary>
internal static class SchemaKeywordValues
{
    private static readonly HashSet<string> Types = ["string", "number", "integer", "boolean", "object", "array", "null", "file"];

    public static JsonNode? Count(JsonNode? value)
    {
        var text = Scalar(value);
        if (text is null)
        {
            return null;
        }

        // What the reader's int.Parse takes stays exactly as it is (YAML numbers, "10" strings included).
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || parsed < 0 || double.IsNaN(parsed) || Math.Floor(parsed) != parsed)
        {
            return null;
        }

        // Beyond Int32 a count limits nothing the reader could hold: the largest it can hold says the same.
        return JsonValue.Create(parsed >= int.MaxValue ? int.MaxValue : (int)parsed);
    }

    public static JsonNode? Bound(JsonNode? value)
    {
        // Outside decimal's range a bound bounds nothing a request can carry; the reader cannot hold it either.
        var text = Scalar(value);
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? value : null;
    }

    // The text the reader's GetScalarValue sees: a number's or a string's; null for anything else.
    private static string? Scalar(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.String => (string?)value,
        _ => null,
    };

    public static decimal Decimal(JsonValue value) =>
        decimal.TryParse(value.ToJsonString().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;

    // 3.0 and Swagger 2 spell exclusiveMinimum as a flag on minimum; 3.1 (JSON Schema 2020-12) as the bound itself.
    public static JsonNode? Exclusive(JsonObject obj, string key, JsonNode? value, bool openApi31)
    {
        var kind = value?.GetValueKind();
        if (openApi31)
        {
            return kind is JsonValueKind.True or JsonValueKind.False ? null : Bound(value);
        }

        if (kind is JsonValueKind.True or JsonValueKind.False || Flag(value) is not null)
        {
            return value;
        }

        // A 3.1-style bound in a 3.0 description: say it the 3.0 way when the plain bound is free.
        var bound = key == "exclusiveMaximum" ? "maximum" : "minimum";
        if (Bound(value) is { } number && !obj.ContainsKey(bound))
        {
            obj[bound] = number.DeepClone();
            return JsonValue.Create(true);
        }

        return null;
    }

    // bool.Parse reads "true" and "True" as well as true, so those stay as they are.
    public static JsonNode? Flag(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False => value,
        JsonValueKind.String when bool.TryParse((string?)value, out _) => value,
        _ => null,
    };

    public static JsonNode? StringList(JsonArray list) =>
        list.All(i => i?.GetValueKind() == JsonValueKind.String)
            ? list
            : new JsonArray([.. list.Where(i => i?.GetValueKind() == JsonValueKind.String).Select(i => i!.DeepClone())]);

    public static JsonNode? Type(JsonNode? value)
    {
        if (value is JsonValue single)
        {
            return single.GetValueKind() == JsonValueKind.String && Types.Contains((string)single!) ? value : null;
        }

        var list = (JsonArray)value!;
        var known = list.Where(i => i?.GetValueKind() == JsonValueKind.String && Types.Contains((string)i!)).Select(i => (string)i!).Distinct(StringComparer.Ordinal).ToList();
        if (known.Count == list.Count)
        {
            return value;
        }

        return known.Count == 0 ? null : new JsonArray([.. known.Select(t => (JsonNode)t)]);
    }
}
