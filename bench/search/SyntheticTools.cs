using Coworker.Catalog.Search;

namespace Coworker.Bench.Search;

/// <summary>
/// Synthetic tenants built from the real tools of ../shared: each synthetic tool takes a real tool's name, method,
/// path and lead sentence and mixes in a second real tool's title, parameters and a sentence of its description,
/// so vocabulary, lengths and duplication look like a large real catalogue rather than random words.
/// </summary>
internal static class SyntheticTools
{
    public static IEnumerable<ToolSearchDocument> Generate(IReadOnlyList<ToolSearchDocument> real, string tenant, int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var basis = real[i % real.Count];
            var donor = real[random.Next(real.Count)];
            var service = $"svc{i / real.Count}";
            var title = basis.Title.Length > 0 ? basis.Title : donor.Title;
            var description = $"{LeadSentence(basis.Description)}. {LeadSentence(donor.Description)}.";
            yield return new ToolSearchDocument(
                tenant, Truncate($"{basis.Name}_{i}"), title, description, basis.Method, $"/{service}{basis.PathTemplate}",
                basis.ParameterNames.Concat(donor.ParameterNames.Take(2)).Distinct().ToList(), basis.Tags.Concat([service]).ToList(),
                basis.SourceId, i % 10 == 0 ? "Staged" : "Published");
        }
    }

    private static string LeadSentence(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOf(". ", StringComparison.Ordinal);
        var sentence = end < 0 ? trimmed : trimmed[..end];
        return sentence.Length > 300 ? sentence[..300] : sentence.TrimEnd('.');
    }

    private static string Truncate(string name) => name.Length <= 64 ? name : name[^64..];
}
