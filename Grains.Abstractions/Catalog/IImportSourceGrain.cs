namespace Coworker.Catalog;

/// <summary>
/// What stays true of one import source of one tenant across its imports, keyed "{tenant}/{sourceId}": the
/// tool-name prefix chosen at its first import. Keeping it is what keeps the source's tool names, and so its
/// tools' identities, stable from one re-import to the next.
/// </summary>
[Alias("Coworker.IImportSourceGrain")]
public interface IImportSourceGrain : IGrainWithStringKey
{
    /// <summary>
    /// The normalized prefix an import of this source uses: the requested one for a new source, the kept one
    /// after that (null or the same prefix keeps it). A different prefix for a source that has one, or any
    /// prefix for a source first imported without one, is a conflict: it would rename every tool.
    /// </summary>
    Task<string> ResolvePrefixAsync(string? requested);

    /// <summary>Keeps the prefix; called once an import has been parsed and is about to write tools.</summary>
    Task RecordPrefixAsync(string prefix);
}
