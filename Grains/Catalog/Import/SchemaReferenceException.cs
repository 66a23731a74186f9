namespace Coworker.Catalog.Import;

/// <summary>An operation's schema points at something that does not exist, or only at itself; the operation is skipped.</summary>
internal sealed class SchemaReferenceException(string reference, bool cycle)
    : Exception(cycle ? $"reference cycle through '{reference}'" : $"unresolved reference '{reference}'")
{
    public string Reference { get; } = reference;

    public bool IsCycle { get; } = cycle;
}
