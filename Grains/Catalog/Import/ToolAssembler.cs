using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Coworker.Catalog.Import;

/// <summary>
/// The format-independent end of every import: unique names, screened titles and descriptions, MCP
/// annotations from the HTTP method, and the schema hash that tells an unchanged tool from a changed one.
/// A definition larger than <see cref="ImportOptions.MaxToolDefinitionLength"/> throws
/// <see cref="ImportLimitException"/> before it takes a name, so skipping it renames no other tool; an
/// output schema over that size is dropped with a problem instead (the tool stays callable without it).
/// </summary>
internal sealed class ToolAssembler(ImportOptions options, ICollection<ImportProblem> problems)
{
    private const int MaxTitleLength = 200;

    private static readonly JsonSerializerOptions HashOptions = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly ToolNameAllocator _names = new(ToolPrefix.Normalize(options.ToolPrefix));

    public ToolDefinition Assemble(ToolDraft draft)
    {
        var flags = new List<string>(draft.ReviewFlags);
        var max = options.MaxDescriptionLength;
        var summary = PoisoningScreen.Clean(draft.Summary, multiline: false, flags, "summary", max);
        var body = PoisoningScreen.Clean(draft.Description, multiline: true, flags, "description", max);

        var title = PoisoningScreen.Truncate(summary.Length > 0 ? summary : PoisoningScreen.Clean(draft.FallbackTitle, false, flags, "title", max), MaxTitleLength);
        var description = body.Length == 0 || body.StartsWith(summary, StringComparison.Ordinal)
            ? (body.Length > 0 ? body : summary)
            : summary.Length == 0 ? body : summary + "\n\n" + body;
        description = PoisoningScreen.Truncate(description.Length > 0 ? description : title, max);

        var limit = options.MaxToolDefinitionLength;
        var inputSchema = draft.InputSchema.ToJsonString();
        var size = (long)inputSchema.Length + description.Length + draft.Binding.PathTemplate.Length + draft.Binding.ServerUrl.Length;
        if (size > limit)
        {
            throw new ImportLimitException(
                $"its tool definition would be {size / 1024} KB (input schema, path, server and description); the limit is {limit / 1024} KB");
        }

        var output = draft.OutputSchema;
        var outputSchema = output?.ToJsonString();
        if (outputSchema is not null && outputSchema.Length > limit)
        {
            problems.Add(new ImportProblem(draft.Origin.Operation, draft.Origin.Pointer,
                $"The output schema ({outputSchema.Length / 1024} KB) is over the {limit / 1024} KB limit and was left out; the tool is imported without one.",
                Skipped: false));
            (output, outputSchema) = (null, null);
        }

        var name = _names.Allocate(draft.PreferredName);
        var tags = draft.Tags
            .Select(t => PoisoningScreen.Clean(t, multiline: false, flags, "tag", MaxTitleLength))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        var hash = Hash(name, description, draft.InputSchema, output, draft.Binding, draft.Auth);

        return new ToolDefinition(
            name,
            title,
            description,
            inputSchema,
            outputSchema,
            draft.Binding,
            draft.Auth,
            Annotations(draft.Binding.Method),
            draft.Origin,
            tags,
            flags,
            hash);
    }

    /// <summary>GET/HEAD read; DELETE destroys; GET/HEAD/PUT/DELETE/OPTIONS may be repeated safely.</summary>
    public static ToolAnnotations Annotations(string method) => method switch
    {
        "GET" or "HEAD" => new ToolAnnotations(ReadOnly: true, Destructive: false, Idempotent: true),
        "DELETE" => new ToolAnnotations(ReadOnly: false, Destructive: true, Idempotent: true),
        "PUT" or "OPTIONS" => new ToolAnnotations(ReadOnly: false, Destructive: false, Idempotent: true),
        _ => new ToolAnnotations(ReadOnly: false, Destructive: false, Idempotent: false),
    };

    // The hash covers what changes the tool's contract for a caller: name, description, schemas, binding, auth.
    // Canonical JSON makes it independent of key order; the title and tags are presentation only.
    private static string Hash(string name, string description, JsonObject input, JsonNode? output, HttpBinding binding, AuthRequirement auth)
    {
        var canonical = new JsonObject
        {
            ["name"] = name,
            ["description"] = description,
            ["inputSchema"] = input.DeepClone(),
            ["outputSchema"] = output?.DeepClone(),
            ["binding"] = JsonSerializer.SerializeToNode(binding, HashOptions),
            ["auth"] = JsonSerializer.SerializeToNode(auth, HashOptions),
        };
        return CanonicalJson.Sha256Hex(canonical);
    }
}
