using System.Text.Json;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Search;

/// <summary>
/// One hand-written task description and the tools that fulfil it (any one counts). The set deliberately avoids
/// the tools' own words; "dev" queries were looked at while tuning the offline embedder, "holdout" ones were not.
/// </summary>
public sealed record ParaphraseQuery(string Query, IReadOnlyList<string> Expected, string Split)
{
    public static IReadOnlyList<ParaphraseQuery> Load()
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Coworker.Tests", "Search", "paraphrase-queries.json");
        return JsonSerializer.Deserialize<List<ParaphraseQuery>>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
