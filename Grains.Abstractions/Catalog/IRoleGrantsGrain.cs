namespace Coworker.Catalog;

/// <summary>
/// Which tools each role of a tenant grants (key "{tenant}"). The full business hierarchy
/// (role -> domain -> capability -> skill -> tool) will replace the flat role -> tools map behind the
/// same question: <see cref="ToolsForRolesAsync"/>.
/// </summary>
[Alias("Coworker.IRoleGrantsGrain")]
public interface IRoleGrantsGrain : IGrainWithStringKey
{
    /// <summary>Replaces the tools a role grants.</summary>
    Task SetRoleToolsAsync(string role, IReadOnlyList<string> tools);

    [ReadOnly]
    Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListAsync();

    /// <summary>The union of the tools the given roles grant.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> ToolsForRolesAsync(IReadOnlyList<string> roles);
}
