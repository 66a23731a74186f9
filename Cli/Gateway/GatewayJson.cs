using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coworker.Cli.Gateway;

/// <summary>The Gateway's JSON conventions: camelCase names, enums as strings, indented when printed for <c>--json</c>.</summary>
internal static class GatewayJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    // Relaxed escaping: the output is read on a terminal or by jq, never embedded in HTML ("+00:00", not "\u002B00:00").
    private static readonly JsonSerializerOptions Printed = new(Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The Gateway's answer as it came, re-indented for a terminal (same content: jq sees no difference).</summary>
    public static string Print(JsonElement element) => JsonSerializer.Serialize(element, Printed);

    /// <summary>Several answers (the items of every page of a listing) as one indented array.</summary>
    public static string Print(IEnumerable<JsonElement> elements) => JsonSerializer.Serialize(elements, Printed);

    /// <summary>A JSON text kept as a string by the Gateway (tool schemas) shown indented, or as-is when it is not JSON.</summary>
    public static string Indent(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Print(document.RootElement);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
