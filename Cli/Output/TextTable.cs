namespace Coworker.Cli.Output;

/// <summary>Left-aligned columns separated by two spaces, a header row in capitals; the last column is not padded.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string?[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        // One row stays one line, whatever a title contains.
        _rows.Add(cells.Select(c => (c ?? "").ReplaceLineEndings(" ")).ToArray());
        return this;
    }

    public async Task WriteAsync(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        await WriteRowAsync(output, headers.Select(h => h.ToUpperInvariant()).ToArray(), widths);
        foreach (var row in _rows)
        {
            await WriteRowAsync(output, row, widths);
        }
    }

    private static Task WriteRowAsync(TextWriter output, string[] cells, int[] widths) =>
        output.WriteLineAsync(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
}
