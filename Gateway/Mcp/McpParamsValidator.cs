using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Coworker.Gateway.Mcp;

/// <summary>
/// The shape of the params of the requests the Gateway serves, checked before the SDK deserializes them: the SDK
/// turns a params object it cannot deserialize into -32603 (internal error), and a non-string tools/call name into
/// an exception in its Mcp-Name header check. Returns why the params are invalid, or null.
/// </summary>
public static class McpParamsValidator
{
    public static string? Validate(string method, JsonNode? parameters)
    {
        if (parameters is not null and not JsonObject)
        {
            return "params must be an object.";
        }

        var values = parameters as JsonObject;
        if (Meta(values) is { } metaError)
        {
            return metaError;
        }

        return method switch
        {
            RequestMethods.ToolsCall => ToolsCall(values),
            RequestMethods.Initialize => Initialize(values),
            RequestMethods.ToolsList or RequestMethods.PromptsList or RequestMethods.ResourcesList or RequestMethods.ResourcesTemplatesList
                => Kind(values, "cursor") is null or JsonValueKind.String or JsonValueKind.Null ? null : "cursor must be a string.",
            // No prompts or resources are served (-32601), but the SDK's Mcp-Name header check reads these as strings first.
            RequestMethods.PromptsGet => Kind(values, "name") is null or JsonValueKind.String ? null : "name must be a string.",
            RequestMethods.ResourcesRead => Kind(values, "uri") is null or JsonValueKind.String ? null : "uri must be a string.",
            _ => null,
        };
    }

    private static string? ToolsCall(JsonObject? values) =>
        values is null ? "tools/call needs params with the tool's name."
        : Kind(values, "name") != JsonValueKind.String ? "name must be the tool's name, a string."
        : Kind(values, "arguments") is null or JsonValueKind.Object or JsonValueKind.Null ? null
        : "arguments must be an object of argument names and values.";

    private static string? Initialize(JsonObject? values)
    {
        if (values is null)
        {
            return "initialize needs params: protocolVersion, capabilities and clientInfo.";
        }

        if (Kind(values, "protocolVersion") != JsonValueKind.String)
        {
            return "protocolVersion must be a string.";
        }

        if (Kind(values, "capabilities") != JsonValueKind.Object)
        {
            return "capabilities must be an object.";
        }

        return values["clientInfo"] is JsonObject client && Kind(client, "name") == JsonValueKind.String && Kind(client, "version") == JsonValueKind.String
            ? null
            : "clientInfo must be an object with a name and a version.";
    }

    private static string? Meta(JsonObject? values)
    {
        var meta = Kind(values, "_meta");
        if (meta is null or JsonValueKind.Null)
        {
            return null;
        }

        if (meta != JsonValueKind.Object)
        {
            return "_meta must be an object.";
        }

        var token = values!["_meta"]!["progressToken"];
        return token is null || token.GetValueKind() == JsonValueKind.String || (token is JsonValue number && number.TryGetValue<long>(out _))
            ? null
            : "_meta.progressToken must be a string or an integer.";
    }

    /// <summary>The kind of a member's value: null when absent, JsonValueKind.Null when it is JSON null.</summary>
    private static JsonValueKind? Kind(JsonObject? values, string name) =>
        values is null || !values.TryGetPropertyValue(name, out var value) ? null
        : value is null ? JsonValueKind.Null
        : value.GetValueKind();
}
