namespace Coworker.Catalog.Import;

/// <summary>Rules shared by the format importers about when per-operation problems make the whole import fail.</summary>
internal static class ImportOutcome
{
    /// <summary>
    /// A description whose every operation was skipped is unusable as a whole: that is reported as a
    /// document-level error (a reference cycle when that is what broke them) rather than an empty import.
    /// </summary>
    public static void ThrowIfNothingImported(int operationCount, IReadOnlyCollection<ToolDefinition> tools, IReadOnlyList<ImportProblem> problems)
    {
        if (operationCount == 0 || tools.Count > 0)
        {
            return;
        }

        var skipped = problems.Where(p => p.Skipped).ToList();
        var cycle = skipped.Any(p => p.Message.Contains("cycle", StringComparison.OrdinalIgnoreCase));
        var first = skipped.FirstOrDefault();
        var detail = first is null ? string.Empty : $" First: {first.Operation}: {first.Message}";
        throw new ImportException(
            cycle ? ImportErrorKind.ReferenceCycle : ImportErrorKind.Malformed,
            $"None of the {operationCount} operations could be imported.{detail}");
    }

    /// <summary>
    /// Refuses a description with more operations than the import may take, before anything is mapped or
    /// written: a partial import would look complete to whoever reads the catalog.
    /// </summary>
    public static void ThrowIfTooManyOperations(int operationCount, ImportOptions options)
    {
        if (operationCount > options.MaxOperations)
        {
            throw new ImportException(
                ImportErrorKind.TooManyOperations,
                $"The description has {operationCount} operations; an import may have at most {options.MaxOperations}. Nothing was imported: split the description, or ask the platform admin to raise the tenant's maxOperationsPerImport.");
        }
    }
}
