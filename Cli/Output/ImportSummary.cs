using Coworker.Cli.Gateway;

namespace Coworker.Cli.Output;

/// <summary>What an import did: counts by kind of change, the tools that changed, and per-operation problems.</summary>
internal static class ImportSummary
{
    public static async Task WriteAsync(TextWriter output, ImportJob job)
    {
        var api = job.ApiTitle is null ? "" : $": {job.ApiTitle}{(job.Format is null ? "" : $" ({job.Format})")}";
        await output.WriteLineAsync(
            $"Import {job.Id} of source '{job.SourceId}' {job.Status.ToString().ToLowerInvariant()}{api}, {job.OperationsDone}/{job.OperationsTotal} operations.");
        if (job.Status == ImportJobStatus.Failed)
        {
            // The error itself goes to stderr (the command's "error: import failed (kind): ..." line).
            await output.WriteLineAsync("Nothing was imported.");
            return;
        }

        var changes = job.Changes ?? [];
        int Count(ToolChangeKind kind) => changes.Count(c => c.Kind == kind);
        await output.WriteLineAsync(
            $"{Count(ToolChangeKind.Added)} added, {Count(ToolChangeKind.Changed)} changed, {Count(ToolChangeKind.Removed)} removed, {Count(ToolChangeKind.Unchanged)} unchanged");
        foreach (var change in changes.Where(c => c.Kind != ToolChangeKind.Unchanged).OrderBy(c => c.Kind).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var mark = change.Kind switch { ToolChangeKind.Added => '+', ToolChangeKind.Removed => '-', _ => '~' };
            await output.WriteLineAsync($"  {mark} {change.Name} (v{change.Version})");
        }

        var problems = job.Problems ?? [];
        if (problems.Count > 0)
        {
            await output.WriteLineAsync($"{problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
            foreach (var problem in problems)
            {
                var operation = string.IsNullOrEmpty(problem.Operation) ? "(document)" : problem.Operation;
                var pointer = string.IsNullOrEmpty(problem.Pointer) ? "" : $" at {problem.Pointer}";
                await output.WriteLineAsync($"  {operation}{pointer}: {problem.Message}{(problem.Skipped ? " (skipped)" : "")}");
            }
        }
    }
}
