namespace Coworker.Catalog.Search;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Buettcher, 2009): each ranking adds weight / (k + rank), so a tool
/// ranked well by both beats one ranked first by only one, and the two scores never need to be comparable.
/// </summary>
public static class RankFusion
{
    public static Dictionary<string, double> Fuse(int k, params (IReadOnlyList<string> Ranking, double Weight)[] rankings)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (ranking, weight) in rankings)
        {
            for (var i = 0; i < ranking.Count; i++)
            {
                scores[ranking[i]] = scores.GetValueOrDefault(ranking[i]) + (weight / (k + i + 1));
            }
        }

        return scores;
    }
}
