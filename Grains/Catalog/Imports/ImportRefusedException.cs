namespace Coworker.Catalog.Imports;

/// <summary>An import the tenant's limits or the source's settings refuse after parsing; nothing has been written yet.</summary>
/// <param name="kind">The job's machine-readable error kind (tool_limit, prefix_conflict).</param>
internal sealed class ImportRefusedException(string kind, string message) : Exception(message)
{
    public string Kind { get; } = kind;
}
