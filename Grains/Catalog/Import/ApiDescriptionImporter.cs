namespace Coworker.Catalog.Import;

/// <summary>
/// Turns an API description (OpenAPI 3.0/3.1, Swagger 2.0 or Postman Collection v2.1, JSON or YAML) into
/// tool definitions. Pure: no I/O, no grains, no database; the format is detected from the content.
/// </summary>
public static class ApiDescriptionImporter
{
    /// <summary>
    /// Imports one description. Broken operations are skipped and listed in <see cref="ImportedApi.Problems"/>;
    /// a description that cannot be imported at all throws <see cref="ImportException"/> with a message that is
    /// safe to show to the operator. Cancelling <paramref name="cancellationToken"/> throws
    /// <see cref="OperationCanceledException"/>; running past <see cref="ImportOptions.Timeout"/> throws
    /// <see cref="ImportErrorKind.Timeout"/>.
    /// </summary>
    public static ImportedApi Import(ReadOnlyMemory<byte> content, ImportOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.SourceId))
        {
            throw new ArgumentException("An import needs a source id.", nameof(options));
        }

        // The size cap comes first: nothing of an oversized description is parsed.
        if (content.Length > options.MaxBytes)
        {
            throw new ImportException(
                ImportErrorKind.TooLarge,
                $"The description is {content.Length / (1024.0 * 1024.0):F1} MB; the limit is {options.MaxBytes / (1024.0 * 1024.0):F1} MB.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var root = DescriptionParser.Parse(content);
            timeout.Token.ThrowIfCancellationRequested();
            var format = DescriptionFormats.Detect(root);
            var api = format == DescriptionFormat.Postman21
                ? PostmanImporter.Import(root, options, timeout.Token)
                : OpenApiImporter.Import(root, format, options, timeout.Token);
            // The timer behind CancelAfter runs on the thread pool and can fire late on a busy machine;
            // the budget is checked against the clock as well, so an import past it never counts as done.
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > options.Timeout)
            {
                throw new OperationCanceledException(timeout.Token);
            }

            return api;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImportException(ImportErrorKind.Timeout, $"The import did not finish within {options.Timeout.TotalSeconds:F0} seconds.");
        }
    }
}
