namespace Coworker.Catalog.Import;

/// <summary>
/// What a failure while mapping one operation means for the import: the operation is skipped with a problem
/// an operator can read, and the rest of the description imports. Only cancellation (the caller's or the
/// timeout) and document-level refusals stop the whole import.
/// </summary>
internal static class OperationFailures
{
    private const int MaxDetail = 200;

    /// <summary>True for a failure that costs one operation; false for one that must end the import.</summary>
    public static bool SkipsOperation(Exception e) => e is not (OperationCanceledException or ImportException or OutOfMemoryException);

    public static ImportProblem Problem(string operation, string pointer, Exception e) =>
        new(operation, pointer, Message(e), Skipped: true);

    private static string Message(Exception e) => e switch
    {
        SchemaReferenceException reference => $"Skipped: {reference.Message}.",
        InvalidOperationException cycle when cycle.Message.Contains("ircular", StringComparison.Ordinal) =>
            "Skipped: reference cycle (a component refers only to itself).",
        ImportLimitException limit => $"Skipped: {limit.Message}.",
        // Anything else is a construct the importer or OpenAPI.NET does not handle; the type and a short
        // reason help whoever reports it, and neither carries a stack trace.
        _ => $"Skipped: the operation could not be converted ({e.GetType().Name}: {Short(e.Message)}).",
    };

    private static string Short(string message)
    {
        var line = message.ReplaceLineEndings(" ");
        return line.Length > MaxDetail ? line[..MaxDetail] + "…" : line;
    }
}
