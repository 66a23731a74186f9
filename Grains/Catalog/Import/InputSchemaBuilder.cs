using System.Globalization;
using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// Collects a tool's arguments: one schema property per HTTP parameter or form field, plus the body.
/// Argument names are safe for every MCP client ([A-Za-z0-9_.-], at most 64); the first parameter keeps
/// its name and a later one from another location gets a suffix ("id" in the path, "id_query" in the query).
/// </summary>
internal sealed class InputSchemaBuilder
{
    private const int MaxArgumentLength = 64;

    private readonly JsonObject _properties = [];
    private readonly List<string> _required = [];
    private readonly List<ParameterBinding> _bindings = [];

    public IReadOnlyList<ParameterBinding> Bindings => _bindings;

    public bool HasArgument(string argument) => _properties.ContainsKey(argument);

    public bool HasParameter(string name, ParameterLocation location) =>
        _bindings.Any(b => b.In == location && string.Equals(b.Name, name, StringComparison.Ordinal));

    public string AddParameter(string name, ParameterLocation location, JsonNode schema, bool required, string? style = null, bool explode = true)
    {
        var argument = Allocate(name, Suffix(location));
        _properties[argument] = schema;
        if (required)
        {
            _required.Add(argument);
        }

        _bindings.Add(new ParameterBinding(name, argument, location, required, style, explode));
        return argument;
    }

    /// <summary>Adds the argument that carries the whole request body; returns its name for <see cref="HttpBinding.BodyArgument"/>.</summary>
    public string AddBody(JsonNode schema, bool required)
    {
        var argument = Allocate("body", "body");
        _properties[argument] = schema;
        if (required)
        {
            _required.Add(argument);
        }

        return argument;
    }

    public JsonObject Build()
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = _properties,
        };
        if (_required.Count > 0)
        {
            schema["required"] = new JsonArray([.. _required.Select(r => (JsonNode)r)]);
        }

        schema["additionalProperties"] = false;
        return schema;
    }

    private string Allocate(string name, string suffix)
    {
        var baseName = ToolNameAllocator.Sanitize(name, MaxArgumentLength, ".");
        if (baseName.Length == 0)
        {
            baseName = "arg";
        }

        if (!_properties.ContainsKey(baseName))
        {
            return baseName;
        }

        var candidate = Fit(baseName, "_" + suffix);
        for (var n = 2; _properties.ContainsKey(candidate); n++)
        {
            candidate = Fit(baseName, "_" + suffix + "_" + n.ToString(CultureInfo.InvariantCulture));
        }

        return candidate;
    }

    private static string Fit(string baseName, string suffix) =>
        baseName[..Math.Min(baseName.Length, MaxArgumentLength - suffix.Length)] + suffix;

    private static string Suffix(ParameterLocation location) => location switch
    {
        ParameterLocation.Path => "path",
        ParameterLocation.Query => "query",
        ParameterLocation.Header => "header",
        ParameterLocation.Cookie => "cookie",
        _ => "form",
    };
}
