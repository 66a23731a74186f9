using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Coworker.Catalog.Import;

/// <summary>
/// OpenAPI 3.0/3.1 and Swagger 2.0 through OpenAPI.NET: the already parsed JSON tree is read into the
/// library's model (external references are never fetched), reader diagnostics become document-level
/// problems, and every (path, method) pair becomes one tool, or one skipped-operation problem.
/// </summary>
internal static class OpenApiImporter
{
    private const int MaxReportedDiagnostics = 50;

    // Only a label for the reader; nothing is ever fetched from it (LoadExternalRefs is off).
    private static readonly Uri DocumentLocation = new("https://import.coworker.invalid/description");

    public static ImportedApi Import(JsonNode root, DescriptionFormat format, ImportOptions options, CancellationToken cancellationToken)
    {
        OpenApiUrlRepair.Repair(root, cancellationToken);
        var repaired = OpenApiSchemaRepair.Repair(root, format == DescriptionFormat.OpenApi31, cancellationToken);
        var document = Read(root);
        var problems = new List<ImportProblem>();
        ReportRepairs(repaired, problems);
        ReportDiagnostics(document.Diagnostic, problems);
        var api = document.Document ?? throw new ImportException(ImportErrorKind.Malformed, "The OpenAPI document could not be read.");

        // Counted before any mapping, so an oversized description is refused in milliseconds, not after minutes.
        var operationCount = (api.Paths ?? []).Sum(p => p.Value?.Operations?.Count ?? 0);
        ImportOutcome.ThrowIfTooManyOperations(operationCount, options);

        var schemas = new OpenApiSchemas(api);
        var servers = new OpenApiServers(options, problems);
        var mapper = new OpenApiOperationMapper(api, format, options, schemas, servers, problems, cancellationToken);
        var assembler = new ToolAssembler(options, problems);
        var tools = new List<ToolDefinition>();
        foreach (var (path, pathItem) in api.Paths ?? [])
        {
            foreach (var (method, operation) in pathItem?.Operations ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                var label = $"{method.Method.ToUpperInvariant()} {path}";
                var pointer = JsonPointer.Of("paths", path, method.Method.ToLowerInvariant());
                try
                {
                    tools.Add(assembler.Assemble(mapper.Map(path, pathItem!, method, operation)));
                }
                catch (Exception e) when (OperationFailures.SkipsOperation(e))
                {
                    problems.Add(OperationFailures.Problem(label, pointer, e));
                }
            }
        }

        ImportOutcome.ThrowIfNothingImported(operationCount, tools, problems);
        return new ImportedApi(
            PoisoningScreen.Clean(api.Info?.Title, multiline: false, null, "title", options.MaxDescriptionLength),
            api.Info?.Version ?? string.Empty,
            format.Name(),
            operationCount,
            tools,
            problems);
    }

    private static ReadResult Read(JsonNode root)
    {
        var settings = new OpenApiReaderSettings { LoadExternalRefs = false };
        settings.AddYamlReader();
        try
        {
            return new OpenApiJsonReader().Read(root, DocumentLocation, settings);
        }
        catch (Exception e) when (e is not (OperationCanceledException or OutOfMemoryException))
        {
            // The reader parses the whole document at once, so what it still throws on (after the repairs)
            // cannot be pinned to one operation; the message says what it was.
            throw new ImportException(ImportErrorKind.Malformed, $"The OpenAPI document could not be read: {Short(e.Message)}", innerException: e);
        }
    }

    private static void ReportRepairs(IReadOnlyList<string> repaired, List<ImportProblem> problems)
    {
        if (repaired.Count > 0)
        {
            var examples = string.Join(", ", repaired.Take(3));
            problems.Add(new ImportProblem(string.Empty, repaired[0],
                $"{repaired.Count} keyword(s) were rewritten or dropped so the description could be read (numbers out of range, values of the wrong type, boolean schemas, duplicate parameters): {examples}{(repaired.Count > 3 ? ", …" : string.Empty)}.",
                Skipped: false));
        }
    }

    private static void ReportDiagnostics(OpenApiDiagnostic? diagnostic, List<ImportProblem> problems)
    {
        var errors = diagnostic?.Errors ?? [];
        foreach (var error in errors.Take(MaxReportedDiagnostics))
        {
            problems.Add(new ImportProblem(string.Empty, Pointer(error.Pointer), Short(error.Message), Skipped: false));
        }

        if (errors.Count > MaxReportedDiagnostics)
        {
            problems.Add(new ImportProblem(string.Empty, string.Empty, $"{errors.Count - MaxReportedDiagnostics} more reader errors not listed.", Skipped: false));
        }
    }

    // The reader reports "#/paths/~1pets/get"; ImportProblem carries plain JSON pointers.
    private static string Pointer(string? pointer) => pointer is null ? string.Empty : pointer.StartsWith('#') ? pointer[1..] : pointer;

    private static string Short(string message) => message.Length > 300 ? message[..300] + "…" : message;
}
