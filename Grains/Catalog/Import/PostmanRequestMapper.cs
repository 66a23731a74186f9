using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// One Postman request to a <see cref="ToolDraft"/>. Variables are substituted from the request's scopes;
/// unresolved ones in the path become path placeholders, in query, headers and form fields required
/// arguments. The folder path names the tool ("Users_Get_my_profile"), titles it and tags it.
/// </summary>
internal sealed class PostmanRequestMapper(ImportOptions options, ICollection<ImportProblem> problems)
{
    private static readonly HashSet<string> PlatformHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Content-Type", "Accept", "Content-Length", "Host", "Cookie", "Connection",
    };

    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public ToolDraft Map(PostmanItem item, PostmanRequest request, IReadOnlyList<string> folders, PostmanVariables variables, PostmanAuth? inheritedAuth)
    {
        var label = string.Join("/", folders.Append(item.Name));
        var flags = new List<string>();
        var builder = new InputSchemaBuilder();
        var serverUrl = Server(request.Url, variables, label, item.Pointer);
        var path = Path(builder, request.Url, variables, flags);

        var headers = request.Headers.Where(h => !h.Disabled).ToList();
        var notes = new List<string>();
        var auth = request.Auth is { Type: not "inherit" } own ? own : inheritedAuth;
        var authorization = headers.FirstOrDefault(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))?.Value;
        var requirement = PostmanAuthMapper.Map(auth, authorization, serverUrl, options, notes);
        foreach (var note in notes)
        {
            problems.Add(new ImportProblem(label, item.Pointer, note, Skipped: false));
        }

        foreach (var query in request.Url.Query.Where(q => !q.Disabled && !IsApiKey(requirement, q.Key, ParameterLocation.Query)))
        {
            var (schema, required) = PostmanArguments.FromValue(query.Value, query.Description, variables, flags, $"query parameter '{query.Key}'", options.MaxDescriptionLength);
            builder.AddParameter(query.Key, ParameterLocation.Query, schema, required, "form", explode: true);
        }

        foreach (var header in headers.Where(h => !PlatformHeaders.Contains(h.Key) && !IsApiKey(requirement, h.Key, ParameterLocation.Header)))
        {
            var (schema, required) = PostmanArguments.FromValue(header.Value, header.Description, variables, flags, $"header '{header.Key}'", options.MaxDescriptionLength);
            builder.AddParameter(header.Key, ParameterLocation.Header, schema, required, "simple", explode: false);
        }

        var contentType = Header(headers, "Content-Type", variables);
        var accept = Header(headers, "Accept", variables);
        var (bodyType, bodyArgument) = PostmanBodyMapper.Add(builder, request.Body, contentType, variables, options, flags);

        var binding = new HttpBinding(request.Method, serverUrl, path, builder.Bindings, bodyType, bodyArgument, accept);
        var origin = new ToolOrigin(options.SourceId, DescriptionFormat.Postman21.Name(), label, item.Pointer, null);
        var title = string.Join(" / ", folders.Append(item.Name));
        var description = request.Description ?? item.Description;
        return new ToolDraft(Name(folders, item.Name), null, description, title, builder.Build(), null, binding, requirement, origin, folders, flags);
    }

    // The request name always survives; enclosing folders are prefixed from the innermost out while they fit.
    private static string Name(IReadOnlyList<string> folders, string request)
    {
        var name = ToolNameAllocator.Sanitize(request, ToolNameAllocator.MaxLength);
        for (var i = folders.Count - 1; i >= 0; i--)
        {
            var candidate = ToolNameAllocator.Sanitize(folders[i], ToolNameAllocator.MaxLength) + "_" + name;
            if (candidate.Length > ToolNameAllocator.MaxLength)
            {
                break;
            }

            name = candidate.Trim('_');
        }

        return name;
    }

    private string Server(PostmanUrl url, PostmanVariables variables, string label, string pointer)
    {
        var unresolved = new List<string>();
        var host = variables.Substitute(string.Join(".", url.Host), unresolved);
        if (url.Port is { Length: > 0 } port)
        {
            host += ":" + variables.Substitute(port, unresolved);
        }

        if ((unresolved.Count > 0 || host.Length == 0) && options.BaseUrl is { } baseUrl)
        {
            return baseUrl.ToString().TrimEnd('/');
        }

        if (unresolved.Count > 0 || host.Length == 0)
        {
            var message = unresolved.Count > 0
                ? $"The server depends on unresolved variable(s) {string.Join(", ", unresolved)}; set a base URL or variables for this import."
                : "A request has no host; set a base URL for this import.";
            if (_reported.Add(message))
            {
                problems.Add(new ImportProblem(label, pointer, message, Skipped: false));
            }

            return host;
        }

        return (host.Contains("://", StringComparison.Ordinal) ? host : $"{url.Protocol ?? "https"}://{host}").TrimEnd('/');
    }

    private static string Path(InputSchemaBuilder builder, PostmanUrl url, PostmanVariables variables, List<string> flags)
    {
        var segments = new List<string>();
        foreach (var segment in url.Path)
        {
            if (segment.StartsWith(':') && segment.Length > 1)
            {
                var saved = url.PathVariables.FirstOrDefault(v => v.Key == segment[1..]);
                segments.Add("{" + PathParameter(builder, segment[1..], saved?.Description, saved?.Value, variables, flags) + "}");
                continue;
            }

            var unresolved = new List<string>();
            var text = variables.Substitute(segment, unresolved);
            if (JsonSchemaInference.IsPlaceholder(text) && unresolved.Count == 0)
            {
                text = "{" + PathParameter(builder, text[1..^1], null, null, variables, flags) + "}";
            }

            foreach (var name in unresolved)
            {
                text = text.Replace("{{" + name + "}}", "{" + PathParameter(builder, name, null, null, variables, flags) + "}", StringComparison.Ordinal);
            }

            segments.Add(text);
        }

        return "/" + string.Join("/", segments);
    }

    private static string PathParameter(InputSchemaBuilder builder, string name, string? description, string? example, PostmanVariables variables, List<string> flags)
    {
        var placeholder = ToolNameAllocator.Sanitize(name, 64, ".");
        if (!builder.HasParameter(placeholder, ParameterLocation.Path))
        {
            var schema = new JsonObject { ["type"] = "string" };
            if (!string.IsNullOrWhiteSpace(description))
            {
                schema["description"] = PoisoningScreen.Clean(description, multiline: true, flags, $"path variable '{name}'", ToolNameAllocator.MaxLength * 16);
            }

            if (!string.IsNullOrEmpty(example) && !JsonSchemaInference.IsPlaceholder(variables.Substitute(example, new List<string>())))
            {
                schema["examples"] = new JsonArray(variables.Substitute(example, new List<string>()));
            }

            builder.AddParameter(placeholder, ParameterLocation.Path, schema, required: true, "simple", explode: false);
        }

        return placeholder;
    }

    // The API key the auth block names is put on the request by the platform, never by the model.
    private static bool IsApiKey(AuthRequirement auth, string key, ParameterLocation location) =>
        auth.Kind == AuthKind.ApiKey && auth.ParameterIn == location && string.Equals(auth.ParameterName, key, StringComparison.OrdinalIgnoreCase);

    private static string? Header(IEnumerable<PostmanKeyValue> headers, string name, PostmanVariables variables) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))?.Value is { Length: > 0 } value
            ? variables.Substitute(value, new List<string>())
            : null;
}
