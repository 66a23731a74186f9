using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// One operation mapped by a format-specific importer, before the format-independent steps (naming,
/// the poisoning screen, annotations, hashing) turn it into a <see cref="ToolDefinition"/>.
/// </summary>
internal sealed record ToolDraft(
    string PreferredName,
    string? Summary,
    string? Description,
    string FallbackTitle,
    JsonObject InputSchema,
    JsonNode? OutputSchema,
    HttpBinding Binding,
    AuthRequirement Auth,
    ToolOrigin Origin,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> ReviewFlags);
