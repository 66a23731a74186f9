namespace Coworker.Catalog;

/// <summary>One search result: the fused score and the two rankings it came from.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.ToolSearchHit")]
public sealed record ToolSearchHit(
    [property: Id(0)] string Name,
    [property: Id(1)] string Title,
    [property: Id(2)] string Description,
    [property: Id(3)] double Score,
    [property: Id(4)] double? VectorScore,
    [property: Id(5)] double? TextScore);
