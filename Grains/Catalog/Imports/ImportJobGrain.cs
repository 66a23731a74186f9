using Coworker.Catalog.Import;
using Coworker.Common;
using Coworker.Events;
using Coworker.Execution;
using Coworker.Tenants;
using Microsoft.Extensions.Logging;

namespace Coworker.Catalog.Imports;

/// <summary>
/// Runs one import: fetch (when given a URL), parse off the grain scheduler, then apply every tool to
/// its Tool grain in parallel batches, then deprecate the source's tools that disappeared. Parsing and the
/// tenant's limits (operations per import, tools per tenant) come first, so a description that fails to
/// parse or would go over a limit leaves the catalog exactly as it was.
/// </summary>
public sealed partial class ImportJobGrain(
    [PersistentState("import", "coworker")] IPersistentState<ImportJobState> state,
    DescriptionFetcher fetcher,
    IEventPublisher events,
    TimeProvider time,
    ILogger<ImportJobGrain> logger) : Grain, IImportJobGrain
{
    private const int BatchSize = 16;

    private (string Tenant, string Job) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A job that was running when its silo died cannot resume (the description lived in memory).
        if (state.RecordExists && state.State.Status is ImportJobStatus.Pending or ImportJobStatus.Running)
        {
            Fail("interrupted", "The import was interrupted (its silo stopped); run it again: re-imports never duplicate tools.");
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<ImportJobInfo> StartAsync(ImportRequest request)
    {
        if (state.RecordExists)
        {
            throw CoworkerException.Conflict($"Import '{Key.Job}' already exists.");
        }

        var sourceId = Slug.Require(request.SourceId, "source");
        if ((request.Content is null) == (request.Url is null))
        {
            throw CoworkerException.Validation("Give either the description's content or its URL.");
        }

        var tenant = await GrainFactory.GetGrain<ITenantGrain>(Key.Tenant).GetAsync();

        // Refused here, before a job exists, so the caller gets the conflict as an answer rather than a failed job.
        var prefix = await Source(sourceId).ResolvePrefixAsync(request.ToolPrefix);
        state.State = new ImportJobState { SourceId = sourceId, Status = ImportJobStatus.Pending, CreatedAt = time.GetUtcNow(), ToolPrefix = prefix };
        await state.WriteStateAsync();

        // Keep the activation alive for the job; the work continues as turns of this activation.
        DelayDeactivation(TimeSpan.FromMinutes(15));
        _ = RunAsync(request, new NetworkAllowlist(tenant.NetworkAllowlist), tenant.Quotas);
        return ToInfo();
    }

    public Task<ImportJobInfo> GetAsync() =>
        state.RecordExists ? Task.FromResult(ToInfo()) : throw CoworkerException.NotFound("Import", Key.Job);

    private async Task RunAsync(ImportRequest request, NetworkAllowlist allowlist, TenantQuotas quotas)
    {
        try
        {
            state.State.Status = ImportJobStatus.Running;
            var content = request.Content ?? await fetcher.FetchAsync(Key.Tenant, request.Url!, allowlist, ImportOptions.DefaultMaxBytes);
            var options = new ImportOptions(state.State.SourceId)
            {
                BaseUrl = Uri.TryCreate(request.BaseUrl, UriKind.Absolute, out var baseUrl) ? baseUrl : null,
                OAuthProvider = request.OAuthProvider,
                ToolPrefix = state.State.ToolPrefix,
                MaxOperations = quotas.OperationLimit(),
            };
            var api = await Task.Run(() => ApiDescriptionImporter.Import(content, options));
            state.State.Format = api.Format;
            state.State.ApiTitle = api.Title;
            state.State.OperationsTotal = api.Tools.Count;
            state.State.Problems.AddRange(api.Problems);
            await RequireRoomForToolsAsync(api.Tools, quotas.ToolLimit());
            try
            {
                await Source(state.State.SourceId).RecordPrefixAsync(state.State.ToolPrefix);
            }
            catch (CoworkerException conflict) when (conflict.Kind == ErrorKind.Conflict)
            {
                throw new ImportRefusedException("prefix_conflict", conflict.Message);
            }

            await state.WriteStateAsync();

            await ApplyToolsAsync(api.Tools);
            await DeprecateRemovedAsync(api.Tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal));
            state.State.Status = ImportJobStatus.Succeeded;
            state.State.FinishedAt = time.GetUtcNow();
        }
        catch (ImportException failure)
        {
            // The importer's message already names the line and position when it knows them.
            Fail(SnakeCase(failure.Kind.ToString()), failure.Message);
        }
        catch (ImportRefusedException refused)
        {
            Fail(refused.Kind, refused.Message);
        }
        catch (CoworkerException failure)
        {
            Fail("fetch_failed", failure.Message);
        }
        catch (UpstreamPausedException paused)
        {
            // The tenant's breaker for this host is open (its calls there have been failing): a state, not a bug.
            Fail("circuit_open", paused.Message);
        }
        catch (Exception failure)
        {
            LogImportFailed(failure, Key.Tenant, Key.Job);
            Fail("error", "The import failed unexpectedly; the error has been logged.");
        }

        await state.WriteStateAsync();
        await events.PublishAsync(EventFactory.Create(time, Key.Tenant, "catalog", state.State.SourceId,
            state.State.Status == ImportJobStatus.Succeeded ? "imported" : "import-failed",
            new Dictionary<string, string> { ["import"] = Key.Job, ["changes"] = state.State.Changes.Count(c => c.Kind != ToolChangeKind.Unchanged).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }

    // Tools of other sources stay; this source's tools after the import are exactly the imported ones (the
    // rest get deprecated), so that is the count the limit is checked against, before anything is written.
    private async Task RequireRoomForToolsAsync(IReadOnlyList<ToolDefinition> tools, int limit)
    {
        var names = tools.Select(t => t.Name).ToList();
        var others = await GrainFactory.GetGrain<IToolCatalogGrain>(0).CountLiveToolsAsync(Key.Tenant, state.State.SourceId, names);
        if (others + names.Count > limit)
        {
            throw new ImportRefusedException("tool_limit",
                $"This import would bring the tenant to {others + names.Count} tools ({others} from other sources, {names.Count} from '{state.State.SourceId}'); its limit is {limit}. Nothing was imported: deprecate tools that are no longer needed, or ask the platform admin to raise the tenant's maxToolsPerTenant.");
        }
    }

    private IImportSourceGrain Source(string sourceId) => GrainFactory.GetGrain<IImportSourceGrain>(GrainKeys.Compose(Key.Tenant, sourceId));

    private async Task ApplyToolsAsync(IReadOnlyList<ToolDefinition> tools)
    {
        foreach (var batch in tools.Chunk(BatchSize))
        {
            var changes = await Task.WhenAll(batch.Select(ApplyOneAsync));
            state.State.Changes.AddRange(changes.OfType<ToolChange>());
            state.State.OperationsDone += batch.Length;
            if (state.State.OperationsDone % (BatchSize * 8) == 0)
            {
                await state.WriteStateAsync();
            }
        }
    }

    private async Task<ToolChange?> ApplyOneAsync(ToolDefinition tool)
    {
        try
        {
            return await GrainFactory.GetGrain<IToolGrain>(GrainKeys.Compose(Key.Tenant, tool.Name)).ApplyImportAsync(tool, Key.Job);
        }
        catch (CoworkerException conflict) when (conflict.Kind == ErrorKind.Conflict)
        {
            state.State.Problems.Add(new ImportProblem(tool.Origin.Operation, tool.Origin.Pointer, conflict.Message, Skipped: true));
            return null;
        }
    }

    private async Task DeprecateRemovedAsync(HashSet<string> imported)
    {
        var existing = await GrainFactory.GetGrain<IToolCatalogGrain>(0).ListNamesBySourceAsync(Key.Tenant, state.State.SourceId);
        foreach (var name in existing.Where(n => !imported.Contains(n)))
        {
            var change = await GrainFactory.GetGrain<IToolGrain>(GrainKeys.Compose(Key.Tenant, name)).MarkRemovedAsync(Key.Job);
            state.State.Changes.Add(change);
        }
    }

    private void Fail(string kind, string message)
    {
        state.State.Status = ImportJobStatus.Failed;
        state.State.ErrorKind = kind;
        state.State.Error = message;
        state.State.FinishedAt = time.GetUtcNow();
    }

    private ImportJobInfo ToInfo()
    {
        var s = state.State;
        return new ImportJobInfo(Key.Tenant, Key.Job, s.SourceId, s.Status, s.OperationsDone, s.OperationsTotal, s.Format, s.ApiTitle,
            s.Changes.ToList(), s.Problems.ToList(), s.Error, s.CreatedAt, s.FinishedAt, s.ErrorKind, s.ToolPrefix);
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {Job} of tenant {Tenant} failed")]
    private partial void LogImportFailed(Exception exception, string tenant, string job);
}
