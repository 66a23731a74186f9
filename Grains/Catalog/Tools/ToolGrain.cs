using Coworker.Catalog.Search;
using Coworker.Common;
using Coworker.Events;

namespace Coworker.Catalog.Tools;

/// <summary>
/// A tool's versions and status. Re-importing an unchanged operation is a no-op; a changed one adds a
/// staged version while the published version keeps serving until an operator publishes the new one.
/// </summary>
public sealed class ToolGrain(
    [PersistentState("tool", "coworker")] IPersistentState<ToolState> state,
    ToolProjection projection,
    IToolSearchIndex searchIndex,
    IEventPublisher events,
    PublishedToolCache publishedCache,
    TimeProvider time) : Grain, IToolGrain
{
    private const int MaxTestRuns = 20;

    private (string Tenant, string Tool) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async Task<ToolChange> ApplyImportAsync(ToolDefinition definition, string importId)
    {
        var latest = state.State.Versions.LastOrDefault();
        if (latest is not null && latest.Definition.Origin.SourceId != definition.Origin.SourceId)
        {
            throw CoworkerException.Conflict(
                $"Tool name '{Key.Tool}' is already taken by source '{latest.Definition.Origin.SourceId}'; the operation was not imported.");
        }

        if (latest is not null && latest.Definition.SchemaHash == definition.SchemaHash && state.State.Status != ToolStatus.Deprecated)
        {
            return new ToolChange(Key.Tool, ToolChangeKind.Unchanged, latest.Version, definition.SchemaHash);
        }

        var version = (latest?.Version ?? 0) + 1;
        state.State.Versions.Add(new ToolVersionState { Version = version, Definition = definition, ImportId = importId, CreatedAt = time.GetUtcNow() });
        if (state.State.Status == ToolStatus.Deprecated)
        {
            // An operation that came back after removal starts again from staging.
            state.State.Status = ToolStatus.Staged;
            state.State.PublishedVersion = null;
            state.State.StatusReason = null;
        }

        await CommitAsync(latest is null ? "tool-added" : "tool-changed");
        return new ToolChange(Key.Tool, latest is null ? ToolChangeKind.Added : ToolChangeKind.Changed, version, definition.SchemaHash);
    }

    public async Task<ToolChange> MarkRemovedAsync(string importId)
    {
        var latest = RequireExisting().Versions[^1];
        if (state.State.Status != ToolStatus.Deprecated)
        {
            state.State.Status = ToolStatus.Deprecated;
            state.State.PublishedVersion = null;
            state.State.StatusReason = $"removed from its source by import {importId}";
            await CommitAsync("tool-removed");
        }

        return new ToolChange(Key.Tool, ToolChangeKind.Removed, latest.Version, latest.Definition.SchemaHash);
    }

    public Task<ToolInfo> GetAsync() => Task.FromResult(ToInfo(RequireExisting()));

    public ValueTask<ToolDefinition?> GetPublishedAsync() =>
        ValueTask.FromResult(state.State is { Status: ToolStatus.Published, PublishedVersion: { } v }
            ? state.State.Versions.First(x => x.Version == v).Definition
            : null);

    public Task<(ToolDefinition Definition, int Version)> GetVersionAsync(int? version)
    {
        var found = FindVersion(RequireExisting(), version);
        return Task.FromResult((found.Definition, found.Version));
    }

    public async Task<ToolInfo> PublishAsync(int? version)
    {
        var current = RequireExisting();
        if (current.Status == ToolStatus.Deprecated)
        {
            throw new CoworkerException(ErrorKind.InvalidTransition, $"Tool '{Key.Tool}' is deprecated and cannot be published.");
        }

        current.PublishedVersion = FindVersion(current, version).Version;
        current.Status = ToolStatus.Published;
        current.StatusReason = null;
        return await CommitAsync("tool-published");
    }

    public async Task<ToolInfo> UnpublishAsync()
    {
        var current = RequireExisting();
        if (current.Status != ToolStatus.Published)
        {
            throw new CoworkerException(ErrorKind.InvalidTransition, $"Tool '{Key.Tool}' is not published.");
        }

        current.Status = ToolStatus.Staged;
        current.PublishedVersion = null;
        return await CommitAsync("tool-unpublished");
    }

    public async Task<ToolInfo> DeprecateAsync(string? reason)
    {
        var current = RequireExisting();
        if (current.Status == ToolStatus.Deprecated)
        {
            return ToInfo(current);
        }

        current.Status = ToolStatus.Deprecated;
        current.PublishedVersion = null;
        current.StatusReason = string.IsNullOrWhiteSpace(reason) ? "deprecated by an operator" : reason.Trim()[..Math.Min(reason.Trim().Length, 500)];
        return await CommitAsync("tool-deprecated");
    }

    public async Task RecordTestRunAsync(TestRunResult run)
    {
        var current = RequireExisting();
        current.TestRuns.Add(run);
        if (current.TestRuns.Count > MaxTestRuns)
        {
            current.TestRuns.RemoveRange(0, current.TestRuns.Count - MaxTestRuns);
        }

        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<TestRunResult>> ListTestRunsAsync() =>
        Task.FromResult<IReadOnlyList<TestRunResult>>(RequireExisting().TestRuns.AsEnumerable().Reverse().ToList());

    private async Task<ToolInfo> CommitAsync(string action)
    {
        state.State.UpdatedAt = time.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }

        // This silo's tool calls see the change at once; other silos when the event below reaches them.
        publishedCache.Evict(Key.Tenant, Key.Tool);
        var info = ToInfo(state.State);
        await projection.UpsertAsync(info);
        await searchIndex.UpsertAsync(ToolSearchDocument.From(info.Tenant, info.Definition, info.Status.ToString()));
        await events.PublishAsync(EventFactory.Create(time, info.Tenant, "catalog", info.Name, action,
            new Dictionary<string, string> { ["status"] = info.Status.ToString(), ["version"] = info.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        return info;
    }

    private ToolState RequireExisting() =>
        state.State.Versions.Count > 0 ? state.State : throw CoworkerException.NotFound("Tool", Key.Tool);

    private ToolVersionState FindVersion(ToolState current, int? version) =>
        version is null
            ? current.Versions[^1]
            : current.Versions.FirstOrDefault(v => v.Version == version) ?? throw CoworkerException.NotFound("Tool version", $"{Key.Tool}@{version}");

    private ToolInfo ToInfo(ToolState s)
    {
        var latest = s.Versions[^1];
        return new ToolInfo(Key.Tenant, Key.Tool, s.Status, latest.Version, s.PublishedVersion, latest.Definition,
            s.Versions.Select(v => new ToolVersionInfo(v.Version, v.Definition.SchemaHash, v.ImportId, v.CreatedAt)).ToList(),
            s.StatusReason, s.UpdatedAt);
    }
}
