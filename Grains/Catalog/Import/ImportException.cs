namespace Coworker.Catalog.Import;

/// <summary>
/// A document-level failure of an import. The message is written for the operator who uploaded the
/// description: it never quotes more than a short fragment of the content and carries no stack details.
/// </summary>
public sealed class ImportException : Exception
{
    public ImportException(ImportErrorKind kind, string message, int? line = null, int? position = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Line = line;
        Position = position;
    }

    public ImportErrorKind Kind { get; }

    /// <summary>1-based line of a syntax error, when the parser reported one.</summary>
    public int? Line { get; }

    /// <summary>1-based position within <see cref="Line"/>, when the parser reported one.</summary>
    public int? Position { get; }
}
