namespace Coworker.Catalog.Search;

/// <summary>Tuning of hybrid tool search (configuration section Coworker:ToolSearch).</summary>
public sealed class ToolSearchOptions
{
    public const string SectionName = "Coworker:ToolSearch";

    /// <summary>Hybrid (default) fuses both rankings; Vector and Keyword use one (for evaluation and fallbacks).</summary>
    public ToolSearchMode Mode { get; set; } = ToolSearchMode.Hybrid;

    /// <summary>Adds the domain lexicon's synonyms to the full-text query (off = plain keyword search).</summary>
    public bool ExpandKeywordQuery { get; set; } = true;

    /// <summary>Weights query words by inverse document frequency in the tenant's tools (see TenantTermStatistics).</summary>
    public bool UseTermStatistics { get; set; } = true;

    /// <summary>Expanded full-text queries drop words contained in more than this share of the tenant's tools.</summary>
    public double CommonTermShare { get; set; } = 0.2;

    /// <summary>At most this many (the rarest) words go into an expanded full-text query of a large tenant.</summary>
    public int MaxKeywordTerms { get; set; } = 10;

    /// <summary>How many candidates each ranking contributes before fusion (at least k).</summary>
    public int Candidates { get; set; } = 50;

    /// <summary>Reciprocal rank fusion constant: score = sum of weight / (RrfK + rank).</summary>
    public int RrfK { get; set; } = 5;

    public double VectorWeight { get; set; } = 1.0;

    public double KeywordWeight { get; set; } = 0.4;

    /// <summary>Added to the fused score of a tool whose name the query spells out.</summary>
    public double ExactNameBoost { get; set; } = 1.0;

    /// <summary>Above this many allowed tools the filter runs on the HNSW index (iterative scan) instead of an exact scan.</summary>
    public int ExactScanMaxAllowedTools { get; set; } = 5000;

    /// <summary>Rows re-embedded per transaction by the background re-embedder.</summary>
    public int ReembedBatchSize { get; set; } = 64;

    /// <summary>How often the re-embedder looks for rows embedded by another embedder.</summary>
    public TimeSpan ReembedInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public enum ToolSearchMode
{
    Hybrid = 0,
    Vector = 1,
    Keyword = 2,
}
