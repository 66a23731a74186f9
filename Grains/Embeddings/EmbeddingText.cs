using System.Text;

namespace Coworker.Embeddings;

/// <summary>
/// The text a tool is embedded from: one "field: value" line per field, description last (it may span lines).
/// Any embedder can read it as plain text; the offline embedder parses the fields back to weight them
/// (a word in the name counts more than one deep in the description). A query is plain text.
/// </summary>
public static class EmbeddingText
{
    public const string Name = "name";
    public const string Title = "title";
    public const string Method = "method";
    public const string Path = "path";
    public const string Parameters = "parameters";
    public const string Tags = "tags";
    public const string Description = "description";

    private static readonly string[] LineFields = [Name, Title, Method, Path, Parameters, Tags];

    public static string Format(
        string name, string title, string method, string path, IEnumerable<string> parameters, IEnumerable<string> tags,
        string description)
    {
        var text = new StringBuilder();
        text.Append(Name).Append(": ").AppendLine(OneLine(name));
        text.Append(Title).Append(": ").AppendLine(OneLine(title));
        text.Append(Method).Append(": ").AppendLine(OneLine(method));
        text.Append(Path).Append(": ").AppendLine(OneLine(path));
        text.Append(Parameters).Append(": ").AppendLine(OneLine(string.Join(", ", parameters)));
        text.Append(Tags).Append(": ").AppendLine(OneLine(string.Join(", ", tags)));
        text.Append(Description).Append(": ").Append(description.Trim());
        return text.ToString();
    }

    /// <summary>The fields of a text made by <see cref="Format"/>, or null for any other text (e.g. a query).</summary>
    public static IReadOnlyDictionary<string, string>? Parse(string text)
    {
        if (!text.StartsWith(Name + ": ", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = text.AsSpan();
        foreach (var field in LineFields)
        {
            var prefix = field + ": ";
            if (!rest.StartsWith(prefix, StringComparison.Ordinal))
            {
                return null;
            }

            var end = rest.IndexOf('\n');
            var value = end < 0 ? rest[prefix.Length..] : rest[prefix.Length..end];
            fields[field] = value.TrimEnd('\r').ToString();
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        var descriptionPrefix = Description + ": ";
        fields[Description] = rest.StartsWith(descriptionPrefix, StringComparison.Ordinal)
            ? rest[descriptionPrefix.Length..].ToString()
            : rest.ToString();
        return fields;
    }

    private static string OneLine(string value) => value.ReplaceLineEndings(" ").Trim();
}
