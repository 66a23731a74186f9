namespace Coworker.Catalog.Imports;

[GenerateSerializer, Alias("Coworker.ImportSourceState")]
public sealed class ImportSourceState
{
    // Normalized ("v2_"), empty for none.
    [Id(0)] public string ToolPrefix { get; set; } = "";
    [Id(1)] public DateTimeOffset RecordedAt { get; set; }
}
