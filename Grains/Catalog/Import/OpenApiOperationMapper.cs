using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace Coworker.Catalog.Import;

/// <summary>
/// One OpenAPI operation to a <see cref="ToolDraft"/>: parameters (path-level merged with operation-level),
/// the request body, the successful JSON response, server, security and origin. Throws
/// <see cref="SchemaReferenceException"/> for a broken reference; the importer reports and skips that operation.
/// </summary>
internal sealed partial class OpenApiOperationMapper(
    OpenApiDocument document,
    DescriptionFormat format,
    ImportOptions options,
    OpenApiSchemas schemas,
    OpenApiServers servers,
    ICollection<ImportProblem> problems,
    CancellationToken cancellationToken)
{
    private static readonly HashSet<string> IgnoredHeaders = new(StringComparer.OrdinalIgnoreCase) { "Accept", "Content-Type", "Authorization" };

    public ToolDraft Map(string path, IOpenApiPathItem pathItem, HttpMethod method, OpenApiOperation operation)
    {
        var verb = method.Method.ToUpperInvariant();
        var label = $"{verb} {path}";
        var pointer = JsonPointer.Of("paths", path, method.Method.ToLowerInvariant());
        var flags = new List<string>();
        var inliner = new SchemaInliner(schemas.Resolve, options.MaxSchemaDepth, options.MaxSchemaNodes, options.MaxSchemaBranches, options.MaxDescriptionLength, flags, cancellationToken);
        var builder = new InputSchemaBuilder();

        var serverUrl = servers.Resolve(operation.Servers, pathItem.Servers, document.Servers);
        var notes = new List<string>();
        var auth = OpenApiAuth.Map(operation.Security, document.Security, serverUrl, options, notes);
        foreach (var note in notes)
        {
            problems.Add(new ImportProblem(label, pointer, note, Skipped: false));
        }

        foreach (var parameter in Parameters(pathItem.Parameters, operation.Parameters))
        {
            AddParameter(builder, inliner, parameter, flags, auth, options.MaxDescriptionLength);
        }

        foreach (Match placeholder in PathPlaceholder().Matches(path))
        {
            var name = placeholder.Groups[1].Value;
            if (!builder.HasParameter(name, ParameterLocation.Path))
            {
                builder.AddParameter(name, ParameterLocation.Path, new JsonObject { ["type"] = "string" }, required: true, "simple", explode: false);
                problems.Add(new ImportProblem(label, pointer, $"Path parameter '{name}' is not declared; imported as a required string.", Skipped: false));
            }
        }

        var (contentType, bodyArgument) = new OpenApiRequestBodyMapper(inliner, flags, options.MaxDescriptionLength).Add(builder, operation.RequestBody);
        var (accept, output) = Response(inliner, operation.Responses);
        var binding = new HttpBinding(verb, serverUrl, path, builder.Bindings, contentType, bodyArgument, accept);
        var origin = new ToolOrigin(options.SourceId, format.Name(), label, pointer, operation.OperationId);
        var tags = operation.Tags?.Select(t => t.Name ?? t.Reference.Id).OfType<string>().ToArray() ?? [];
        var preferredName = !string.IsNullOrWhiteSpace(operation.OperationId) ? operation.OperationId : $"{verb.ToLowerInvariant()}_{path}";
        return new ToolDraft(preferredName, operation.Summary, operation.Description, label, builder.Build(), output, binding, auth, origin, tags, flags);
    }

    // Path-level parameters apply unless the operation redefines the same name and location; the tool
    // lists them path, query, header, cookie so the first of two same-named parameters is the path one.
    private static IEnumerable<IOpenApiParameter> Parameters(IList<IOpenApiParameter>? pathLevel, IList<IOpenApiParameter>? operationLevel)
    {
        var merged = new List<IOpenApiParameter>();
        foreach (var parameter in (pathLevel ?? []).Concat(operationLevel ?? []))
        {
            EnsureResolved(parameter);
            merged.RemoveAll(p => p.In == parameter.In && string.Equals(p.Name, parameter.Name, StringComparison.Ordinal));
            merged.Add(parameter);
        }

        return merged.OrderBy(p => p.In switch
        {
            Microsoft.OpenApi.ParameterLocation.Path => 0,
            Microsoft.OpenApi.ParameterLocation.Query => 1,
            Microsoft.OpenApi.ParameterLocation.Header => 2,
            _ => 3,
        });
    }

    private static void EnsureResolved(IOpenApiParameter parameter)
    {
        if (parameter is OpenApiParameterReference { UnresolvedReference: true } or OpenApiParameterReference { Target: null })
        {
            var reference = (OpenApiParameterReference)parameter;
            throw new SchemaReferenceException(reference.Reference.ReferenceV3 ?? reference.Reference.Id ?? "parameter", cycle: false);
        }
    }

    private static void AddParameter(InputSchemaBuilder builder, SchemaInliner inliner, IOpenApiParameter parameter, List<string> flags, AuthRequirement auth, int maxText)
    {
        var name = parameter.Name;
        if (string.IsNullOrEmpty(name) || parameter.In is not { } location
            || (location == Microsoft.OpenApi.ParameterLocation.Header && IgnoredHeaders.Contains(name)))
        {
            return;
        }

        var ours = location switch
        {
            Microsoft.OpenApi.ParameterLocation.Path => ParameterLocation.Path,
            Microsoft.OpenApi.ParameterLocation.Query => ParameterLocation.Query,
            Microsoft.OpenApi.ParameterLocation.Header => ParameterLocation.Header,
            _ => ParameterLocation.Cookie,
        };

        // The API key the auth requirement names is put on the request by the platform, never by the model.
        if (auth.Kind == AuthKind.ApiKey && auth.ParameterIn == ours && string.Equals(auth.ParameterName, name, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var source = parameter.Schema ?? parameter.Content?.Values.FirstOrDefault()?.Schema;
        var where = $"parameter '{name}'";
        var node = source is null ? new JsonObject { ["type"] = "string" } : inliner.Inline(OpenApiSchemas.ToJson(source), where);
        if (node is not JsonObject schema)
        {
            schema = [];
        }

        if (!string.IsNullOrWhiteSpace(parameter.Description))
        {
            schema["description"] = PoisoningScreen.Clean(parameter.Description, multiline: true, flags, where, maxText);
        }

        if (parameter.Deprecated)
        {
            schema["deprecated"] = true;
        }

        if (parameter.Example is { } example && !schema.ContainsKey("examples"))
        {
            schema["examples"] = new JsonArray(example.DeepClone());
        }

        var style = parameter.Style?.ToString() is { Length: > 0 } s ? char.ToLowerInvariant(s[0]) + s[1..] : null;
        var required = parameter.Required || ours == ParameterLocation.Path;
        builder.AddParameter(name, ours, schema, required, style, parameter.Explode);
    }

    // The first 2xx response with content (200 before 201 …, "2XX" last) gives Accept and, when JSON, the output schema.
    private static (string? Accept, JsonNode? Output) Response(SchemaInliner inliner, OpenApiResponses? responses)
    {
        var successes = (responses ?? [])
            .Where(r => r.Key.StartsWith('2'))
            .OrderBy(r => int.TryParse(r.Key, out var code) ? code : 299);
        foreach (var (code, response) in successes)
        {
            if (response is OpenApiResponseReference { UnresolvedReference: true } or OpenApiResponseReference { Target: null })
            {
                throw new SchemaReferenceException(((OpenApiResponseReference)response).Reference.ReferenceV3 ?? code, cycle: false);
            }

            if (response.Content is not { Count: > 0 } content)
            {
                continue;
            }

            var (mediaType, media) = MediaTypes.PickResponse(content);
            var output = MediaTypes.IsJson(mediaType) && media.Schema is { } schema
                ? inliner.Inline(OpenApiSchemas.ToJson(schema), "output schema")
                : null;
            return (mediaType, output);
        }

        return (null, null);
    }

    [GeneratedRegex(@"\{([^{}/]+)\}")]
    private static partial Regex PathPlaceholder();
}
