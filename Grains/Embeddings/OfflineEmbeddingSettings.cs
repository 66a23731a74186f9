namespace Coworker.Embeddings;

/// <summary>
/// Weights of the offline embedder. Fields are normalised separately and then weighted, so a long description
/// cannot drown the name; expansions (synonyms) count less than the words actually written.
/// </summary>
public sealed record OfflineEmbeddingSettings
{
    public int Dimensions { get; init; } = 1024;
    /// <summary>Hashed slots per feature (see FeatureBag.ToVector).</summary>
    public int HashProbes { get; init; } = 3;
    public float NameWeight { get; init; } = 1.0f;
    public float TitleWeight { get; init; } = 1.0f;
    public float DescriptionLeadWeight { get; init; } = 0.8f;
    public float DescriptionRestWeight { get; init; } = 0.3f;
    public float PathWeight { get; init; } = 0.6f;
    public float ParameterWeight { get; init; } = 0.3f;
    public float TagWeight { get; init; } = 0.4f;
    public float IntentWeight { get; init; } = 0.7f;
    public float LexiconSynonymWeight { get; init; } = 0.6f;
    public float RelatedWeight { get; init; } = 0.3f;
    public float WordNetWeight { get; init; } = 0.3f;
    public float BigramWeight { get; init; } = 0.4f;
    public float CompoundWeight { get; init; } = 0.5f;
    public float CharacterGramWeight { get; init; } = 0.25f;
    /// <summary>Words of a description past this many are ignored (boilerplate, examples, caveats).</summary>
    public int MaxDescriptionWords { get; init; } = 120;
}
