namespace Coworker.Catalog.Grants;

[GenerateSerializer, Alias("Coworker.RoleGrantsState")]
public sealed class RoleGrantsState
{
    [Id(0)] public Dictionary<string, List<string>> RoleTools { get; set; } = new(StringComparer.Ordinal);
}
