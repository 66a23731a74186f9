using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Coworker.Execution;

/// <summary>
/// JSON Schema validation (JsonSchema.Net) with parsed schemas cached by their text's hash, since the
/// same few schemas are checked on every call.
/// </summary>
public static class SchemaValidator
{
    private const int MaxCached = 10_000;
    private static readonly ConcurrentDictionary<string, JsonSchema> Cache = new(StringComparer.Ordinal);
    // Almost every call is valid: the pass/fail evaluation stops at the first failure and collects nothing, so
    // the detailed (list) evaluation runs only to explain a failure.
    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    /// <summary>The validation errors ("/path: message"), empty when the instance is valid.</summary>
    public static IReadOnlyList<string> Validate(string schemaText, JsonElement instance, int maxErrors = 10)
    {
        var schema = Cache.TryGetValue(schemaText, out var cached) ? cached : Parse(schemaText);
        if (schema.Evaluate(instance, Flag).IsValid)
        {
            return [];
        }

        var results = schema.Evaluate(instance, Detailed);
        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Value}"))
            .Distinct()
            .Take(maxErrors)
            .DefaultIfEmpty("the value does not match the schema")
            .ToList();
    }

    private static JsonSchema Parse(string schemaText)
    {
        var schema = JsonSchema.FromText(schemaText);
        if (Cache.Count < MaxCached)
        {
            Cache[schemaText] = schema;
        }

        return schema;
    }
}
