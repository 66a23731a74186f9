namespace Coworker.Catalog;

/// <summary>
/// Staged: imported, testable, invisible to agents. Published: agents granted it can call it.
/// Deprecated: kept for history, never callable (also what a re-import does to a removed operation).
/// </summary>
[GenerateSerializer, Alias("Coworker.ToolStatus")]
public enum ToolStatus
{
    Staged = 0,
    Published = 1,
    Deprecated = 2,
}
