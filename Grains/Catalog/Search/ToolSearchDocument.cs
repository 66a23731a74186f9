using Coworker.Catalog;

namespace Coworker.Catalog.Search;

/// <summary>What the search index knows about one tool of one tenant.</summary>
public sealed record ToolSearchDocument(
    string Tenant,
    string Name,
    string Title,
    string Description,
    string Method,
    string PathTemplate,
    IReadOnlyList<string> ParameterNames,
    IReadOnlyList<string> Tags,
    string SourceId,
    /// <summary>"Staged", "Published" or "Deprecated" (ToolStatus as text).</summary>
    string Status)
{
    public static ToolSearchDocument From(string tenant, ToolDefinition tool, string status) => new(
        tenant, tool.Name, tool.Title, tool.Description, tool.Binding.Method, tool.Binding.PathTemplate,
        tool.Binding.Parameters.Select(p => p.Name).ToList(), tool.Tags, tool.Origin.SourceId, status);
}
