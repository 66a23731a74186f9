using Coworker.Common;
using Coworker.Events;
using Coworker.Tenants;

namespace Coworker.Catalog.Grants;

/// <summary>
/// Role -> tools grants of one tenant; a change is published so MCP sessions refresh their tool lists. Changing a
/// grant needs the tenant's Owner role, checked here for every front door: a grant decides which upstreams, and so
/// which credentials, an agent's calls reach.
/// </summary>
public sealed class RoleGrantsGrain(
    [PersistentState("grants", "coworker")] IPersistentState<RoleGrantsState> state,
    IEventPublisher events,
    TimeProvider time) : Grain, IRoleGrantsGrain
{
    private const int MaxToolsPerRole = 5_000;

    public async Task SetRoleToolsAsync(string role, IReadOnlyList<string> tools)
    {
        Slug.Require(role, "role");
        await CallerRole.RequireAsync(GrainFactory, this.GetPrimaryKeyString(), TenantRole.Owner);
        if (tools.Count > MaxToolsPerRole)
        {
            throw CoworkerException.Validation($"A role grants at most {MaxToolsPerRole} tools.");
        }

        var names = tools.Select(ToolNames.Require).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            state.State.RoleTools.Remove(role);
        }
        else
        {
            state.State.RoleTools[role] = names;
        }

        await state.WriteStateAsync();
        await events.PublishAsync(EventFactory.Create(time, this.GetPrimaryKeyString(), "catalog", role, "grants-changed",
            new Dictionary<string, string> { ["role"] = role, ["tools"] = names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ListAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<string>>>(
            state.State.RoleTools.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal));

    public Task<IReadOnlyList<string>> ToolsForRolesAsync(IReadOnlyList<string> roles) =>
        Task.FromResult<IReadOnlyList<string>>(roles
            .SelectMany(role => state.State.RoleTools.TryGetValue(role, out var tools) ? tools : [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList());
}
