using Coworker.Cli.Gateway;

namespace Coworker.Cli.Output;

/// <summary>A test run on a terminal: outcome, status, latency, request, schema match, then the (recorded) body.</summary>
internal static class TestRunText
{
    private const int MaxBodyChars = 4000;

    public static async Task WriteAsync(TextWriter output, TestRun run)
    {
        var fields = new List<(string Label, string? Value)>
        {
            ("outcome", run.Outcome),
            ("status", run.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no response"),
            ("latency", $"{run.LatencyMs} ms"),
            ("url", run.Request is { } request ? $"{request.Method} {request.Url}" : null),
            ("schema", run.MatchesOutputSchema switch
            {
                true => "matches the output schema",
                false => "does not match the output schema",
                null => "not checked (no output schema or no JSON body)",
            }),
            ("version", run.ToolVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("error", run.Error),
        };
        foreach (var (label, value) in fields.Where(f => !string.IsNullOrEmpty(f.Value)))
        {
            await output.WriteLineAsync(label.PadRight(9) + value!.ReplaceLineEndings(" "));
        }

        foreach (var schemaError in run.SchemaErrors ?? [])
        {
            await output.WriteLineAsync("  - " + schemaError);
        }

        if (!string.IsNullOrEmpty(run.ResponseBody))
        {
            var body = run.ResponseContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
                ? GatewayJson.Indent(run.ResponseBody)
                : run.ResponseBody;
            await output.WriteLineAsync();
            await output.WriteLineAsync($"response ({run.ResponseContentType ?? "no content type"}):");
            await output.WriteLineAsync(body.Length > MaxBodyChars ? body[..MaxBodyChars] + $"\n... ({body.Length - MaxBodyChars} more characters; --json shows all)" : body);
        }
    }
}
