using Coworker.Cli.Gateway;

namespace Coworker.Cli.Output;

/// <summary>The long form of one tool, for <c>coworker tools show</c>.</summary>
internal static class ToolDetails
{
    public static async Task WriteAsync(TextWriter output, Tool tool)
    {
        var definition = tool.Definition;
        var fields = new List<(string Label, string? Value)>
        {
            ("name", tool.Name),
            ("title", definition.Title),
            ("status", tool.Status + (tool.StatusReason is { Length: > 0 } reason ? $" ({reason})" : "")),
            ("version", $"{tool.LatestVersion} latest, {(tool.PublishedVersion is { } published ? $"{published} published" : "none published")}"),
            ("source", definition.Origin is { } origin ? $"{origin.SourceId}: {origin.Operation}{(origin.Format is null ? "" : $" ({origin.Format})")}" : null),
            ("calls", definition.Binding is { } binding ? $"{binding.Method} {binding.ServerUrl}{binding.PathTemplate}" : null),
            ("auth", definition.Auth is { } auth ? Auth(auth) : null),
            ("hints", definition.Annotations is { } annotations ? Hints(annotations) : null),
            ("tags", definition.Tags is { Count: > 0 } tags ? string.Join(", ", tags) : null),
            ("review", definition.ReviewFlags is { Count: > 0 } flags ? string.Join("; ", flags) : "no findings"),
            ("updated", tool.UpdatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)),
        };
        var width = fields.Max(f => f.Label.Length) + 2;
        foreach (var (label, value) in fields.Where(f => !string.IsNullOrEmpty(f.Value)))
        {
            await output.WriteLineAsync(label.PadRight(width) + value!.ReplaceLineEndings(" "));
        }

        await SectionAsync(output, "description", definition.Description);
        await SectionAsync(output, "input schema", definition.InputSchema is null ? null : GatewayJson.Indent(definition.InputSchema));
        await SectionAsync(output, "output schema", definition.OutputSchema is null ? null : GatewayJson.Indent(definition.OutputSchema));
        if (tool.Versions is { Count: > 0 } versions)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("versions:");
            var table = new TextTable("version", "created", "import", "schema hash");
            foreach (var version in versions.OrderByDescending(v => v.Version))
            {
                table.Add(version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    version.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture), version.ImportId, version.SchemaHash);
            }

            await table.WriteAsync(output);
        }
    }

    private static string Auth(ToolAuth auth) => auth.Kind switch
    {
        "None" => "none",
        "OAuth2" => $"OAuth2 via {auth.Provider ?? "(no provider)"}{(auth.Scopes is { Count: > 0 } scopes ? $", scopes {string.Join(" ", scopes)}" : "")}",
        _ => $"{auth.Kind}{(auth.SecretRef is null ? "" : $" from tenant secret '{auth.SecretRef}'")}",
    };

    private static string Hints(ToolAnnotations annotations)
    {
        var hints = new List<string> { annotations.ReadOnly ? "read-only" : "writes" };
        if (annotations.Destructive)
        {
            hints.Add("destructive");
        }

        if (annotations.Idempotent)
        {
            hints.Add("idempotent");
        }

        return string.Join(", ", hints);
    }

    private static async Task SectionAsync(TextWriter output, string title, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(title + ":");
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            await output.WriteLineAsync("  " + line);
        }
    }
}
