using Coworker.Common;

namespace Coworker.Catalog.Imports;

/// <summary>
/// Keeps a source's tool-name prefix. A source imported before prefixes existed has no record but has tools:
/// it counts as a source without a prefix, so its tool names cannot change under it either.
/// </summary>
public sealed class ImportSourceGrain(
    [PersistentState("importSource", "coworker")] IPersistentState<ImportSourceState> state,
    TimeProvider time) : Grain, IImportSourceGrain
{
    private (string Tenant, string Source) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async Task<string> ResolvePrefixAsync(string? requested)
    {
        // An empty field is no choice, the same as leaving it out.
        var wanted = string.IsNullOrWhiteSpace(requested) ? null : ToolPrefix.Normalize(requested);
        var kept = await KeptPrefixAsync();
        if (kept is null)
        {
            return wanted ?? string.Empty;
        }

        if (wanted is not null && !string.Equals(wanted, kept, StringComparison.Ordinal))
        {
            throw CoworkerException.Conflict(kept.Length == 0
                ? $"Source '{Key.Source}' was first imported without a tool prefix; a prefix now would rename all of its tools. Import under a new source id to use one."
                : $"Source '{Key.Source}' uses the tool prefix '{kept}'; changing it would rename all of its tools. Leave toolPrefix out (or send '{kept}'), or import under a new source id.");
        }

        return kept;
    }

    public async Task RecordPrefixAsync(string prefix)
    {
        var kept = await KeptPrefixAsync();
        if (kept is not null)
        {
            if (!string.Equals(kept, prefix, StringComparison.Ordinal))
            {
                // Two first imports of one source raced with different prefixes; the first one to get here won.
                throw CoworkerException.Conflict($"Source '{Key.Source}' has meanwhile been imported with the tool prefix '{kept}'.");
            }

            if (state.RecordExists)
            {
                return;
            }
        }

        state.State = new ImportSourceState { ToolPrefix = prefix, RecordedAt = time.GetUtcNow() };
        await state.WriteStateAsync();
    }

    // The prefix in force: the recorded one, "" for a source that has tools from before prefixes, null for a new source.
    private async Task<string?> KeptPrefixAsync()
    {
        if (state.RecordExists)
        {
            return state.State.ToolPrefix;
        }

        var existing = await GrainFactory.GetGrain<IToolCatalogGrain>(0).ListNamesBySourceAsync(Key.Tenant, Key.Source);
        return existing.Count > 0 ? string.Empty : null;
    }
}
