using System.Text;

namespace Coworker.Tests.Search;

/// <summary>MCP-safe tool names for the evaluation corpus: "{source}_{operation}", unique within the tenant.</summary>
internal sealed class ToolNames
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Next(string source, string operation)
    {
        var op = Sanitise(operation);
        if (op.StartsWith(source + "_", StringComparison.OrdinalIgnoreCase))
        {
            op = op[(source.Length + 1)..];
        }

        var name = Truncate(source + "_" + op);
        var candidate = name;
        for (var i = 2; !_used.Add(candidate); i++)
        {
            candidate = Truncate(name, 60) + "_" + i;
        }

        return candidate;
    }

    public bool Reserve(string name) => _used.Add(name);

    private static string Sanitise(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Trim())
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
            if (ok)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().Trim('_');
    }

    private static string Truncate(string name, int max = 64) => name.Length <= max ? name : name[..max].TrimEnd('_');
}
