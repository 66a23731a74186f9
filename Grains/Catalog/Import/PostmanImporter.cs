using System.Text.Json.Nodes;

namespace Coworker.Catalog.Import;

/// <summary>
/// Postman Collection v2.1: walks the item tree in document order, carrying the folder path, the variable
/// scopes and the inherited auth down to every request; each request becomes one tool.
/// </summary>
internal static class PostmanImporter
{
    public static ImportedApi Import(JsonNode root, ImportOptions options, CancellationToken cancellationToken)
    {
        var collection = PostmanReader.Read((JsonObject)root);
        var problems = new List<ImportProblem>();
        // Counted before any mapping, so an oversized collection is refused before anything is expanded.
        ImportOutcome.ThrowIfTooManyOperations(CountRequests(collection.Items), options);
        var walk = new Walk(options, new PostmanRequestMapper(options, problems), new ToolAssembler(options, problems), problems, cancellationToken);
        walk.Items(collection.Items, [], [collection.Variables], collection.Auth);

        ImportOutcome.ThrowIfNothingImported(walk.OperationCount, walk.Tools, problems);
        return new ImportedApi(
            PoisoningScreen.Clean(collection.Name, multiline: false, null, "title", options.MaxDescriptionLength),
            collection.Version ?? string.Empty,
            DescriptionFormat.Postman21.Name(),
            walk.OperationCount,
            walk.Tools,
            problems);
    }

    private static int CountRequests(IReadOnlyList<PostmanItem> items) =>
        items.Sum(item => item.IsFolder ? CountRequests(item.Items) : 1);

    private sealed class Walk(
        ImportOptions options,
        PostmanRequestMapper mapper,
        ToolAssembler assembler,
        List<ImportProblem> problems,
        CancellationToken cancellationToken)
    {
        public List<ToolDefinition> Tools { get; } = [];

        public int OperationCount { get; private set; }

        // scopes: innermost first (the nearest folder's variables come before the collection's).
        public void Items(IReadOnlyList<PostmanItem> items, IReadOnlyList<string> folders, IReadOnlyList<IReadOnlyList<PostmanKeyValue>> scopes, PostmanAuth? auth)
        {
            foreach (var item in items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var inherited = item.Auth is { Type: not "inherit" } own ? own : auth;
                if (item.IsFolder)
                {
                    Items(item.Items, [.. folders, item.Name], [item.Variables, .. scopes], inherited);
                    continue;
                }

                OperationCount++;
                var label = string.Join("/", folders.Append(item.Name));
                if (item.Request is not { } request)
                {
                    problems.Add(new ImportProblem(label, item.Pointer, "Skipped: the item has no request.", Skipped: true));
                    continue;
                }

                try
                {
                    var variables = new PostmanVariables(options.Variables, scopes, options.MaxVariableExpansion);
                    Tools.Add(assembler.Assemble(mapper.Map(item, request, folders, variables, auth)));
                }
                catch (Exception e) when (OperationFailures.SkipsOperation(e))
                {
                    problems.Add(OperationFailures.Problem(label, item.Pointer, e));
                }
            }
        }
    }
}
