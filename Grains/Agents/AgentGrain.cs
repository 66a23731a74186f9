using Coworker.Catalog;
using Coworker.Common;
using Coworker.Tenants;
using Coworker.Events;
using Coworker.Projections;

namespace Coworker.Agents;

/// <summary>
/// An agent's configuration and lifecycle. Transitions come from <see cref="AgentLifecycle"/>; a timed
/// suspension is a durable reminder (ADO.NET reminders on PostgreSQL), so it resumes the agent even if
/// the silo that set it has died in the meantime. What decides which tools an agent reaches and who can speak
/// for it (its roles, its API keys) needs the tenant's Owner role; Members edit the rest. The grain checks that
/// itself (<see cref="CallerRole"/>), so no front door lets a Member hand an agent more than an Owner gave it.
/// </summary>
public sealed class AgentGrain(
    [PersistentState("agent", "coworker")] IPersistentState<AgentState> state,
    [PersistentState("usage", "coworker")] IPersistentState<CallCounter> usage,
    ProjectionStore projections,
    IEventPublisher events,
    TimeProvider time) : Grain, IAgentGrain, IRemindable
{
    public const string ResumeReminder = "resume-after-suspension";

    // Grants are cached briefly so a burst of calls costs one grants lookup; a change is seen within this.
    private static readonly TimeSpan GrantsCacheTime = TimeSpan.FromSeconds(1);

    private HashSet<string>? _granted;
    private long _grantedAt;
    private TokenBucket? _bucket;
    private TenantBudget? _tenantBudget;
    private DeferredStateWriter<CallCounter>? _usageWriter;

    private (string Tenant, string Agent) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async Task<AgentInfo> CreateAsync(AgentConfig config)
    {
        var (tenant, agent) = Key;
        Slug.Require(agent, "agent");
        if (state.RecordExists)
        {
            throw CoworkerException.Conflict($"Agent '{agent}' already exists in tenant '{tenant}'.");
        }

        var valid = AgentConfigValidator.Validate(config);
        if (valid.Roles.Count > 0)
        {
            await CallerRole.RequireAsync(GrainFactory, tenant, TenantRole.Owner);
        }

        // The tenant checks that it exists, is active and has quota left; registering is idempotent,
        // so a create retried after a failed write does not use up quota twice.
        await GrainFactory.GetGrain<ITenantGrain>(tenant).RegisterAgentAsync(agent);

        var now = time.GetUtcNow();
        state.State = new AgentState { Config = valid, Status = AgentStatus.Created, CreatedAt = now };
        return await CommitAsync("created");
    }

    public Task<AgentInfo> GetAsync() => Task.FromResult(ToInfo(RequireExisting()));

    public async Task<AgentInfo> UpdateConfigAsync(AgentConfig config)
    {
        var current = RequireExisting();
        if (!AgentLifecycle.CanChangeConfig(current.Status))
        {
            throw new CoworkerException(ErrorKind.InvalidTransition, "The agent is terminated; its configuration can no longer change.");
        }

        var valid = AgentConfigValidator.Validate(config);
        if (!SameRoles(current.Config?.Roles, valid.Roles))
        {
            await CallerRole.RequireAsync(GrainFactory, Key.Tenant, TenantRole.Owner);
        }

        current.Config = valid;
        _granted = null;
        return await CommitAsync("updated");
    }

    public Task<AgentInfo> StartAsync() => TransitionAsync(AgentAction.Start, reason: null);

    public Task<AgentInfo> StopAsync() => TransitionAsync(AgentAction.Stop, reason: null);

    public async Task<AgentInfo> SuspendAsync(string? reason, DateTimeOffset? until)
    {
        if (reason is { Length: > 500 })
        {
            throw CoworkerException.Validation("A suspension reason is limited to 500 characters.");
        }

        var now = time.GetUtcNow();
        if (until is { } end && end <= now)
        {
            throw CoworkerException.Validation("'until' must be in the future.");
        }

        var current = RequireExisting();
        var previous = current.Status;
        var next = AgentLifecycle.Next(current.Status, AgentAction.Suspend);
        current.StatusBeforeSuspension = previous;
        current.SuspendedUntil = until;
        if (until is { } resumeAt)
        {
            // Reminders are durable, so the resume survives silo restarts. The period only matters if a
            // tick is missed; ReceiveReminder unregisters it once the agent has resumed.
            await this.RegisterOrUpdateReminder(ResumeReminder, resumeAt - now, TimeSpan.FromMinutes(1));
        }

        return await ApplyAsync(next, reason, AgentAction.Suspend);
    }

    public async Task<AgentInfo> ResumeAsync()
    {
        var info = await TransitionAsync(AgentAction.Resume, reason: null);
        await UnregisterResumeReminderAsync();
        return info;
    }

    public async Task<AgentInfo> TerminateAsync()
    {
        var info = await TransitionAsync(AgentAction.Terminate, reason: null);
        await UnregisterResumeReminderAsync();
        return info;
    }

    public async Task<IssuedAgentKey> CreateApiKeyAsync(string name)
    {
        await CallerRole.RequireAsync(GrainFactory, Key.Tenant, TenantRole.Owner);
        var current = RequireExisting();
        if (current.Status == AgentStatus.Terminated)
        {
            throw new CoworkerException(ErrorKind.InvalidTransition, "The agent is terminated; it cannot get new keys.");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw CoworkerException.Validation("An API key needs a name of 1-100 characters.");
        }

        var (tenant, agent) = Key;
        var key = AgentKeyFormat.New(tenant, agent);
        var info = new AgentKeyInfo(Guid.NewGuid().ToString("N")[..12], name.Trim(), key[..(AgentKeyFormat.Prefix.Length + tenant.Length + agent.Length + 7)] + "…", time.GetUtcNow());
        current.ApiKeys[ApiKeyHasher.Hash(key)] = info;
        await CommitAsync("key-created");
        return new IssuedAgentKey(info, key);
    }

    public Task<IReadOnlyList<AgentKeyInfo>> ListApiKeysAsync() =>
        Task.FromResult<IReadOnlyList<AgentKeyInfo>>(RequireExisting().ApiKeys.Values.OrderBy(k => k.CreatedAt).ToList());

    public async Task RevokeApiKeyAsync(string keyId)
    {
        await CallerRole.RequireAsync(GrainFactory, Key.Tenant, TenantRole.Owner);
        var current = RequireExisting();
        var entry = current.ApiKeys.FirstOrDefault(k => k.Value.KeyId == keyId);
        if (entry.Key is null)
        {
            throw CoworkerException.NotFound("API key", keyId);
        }

        current.ApiKeys.Remove(entry.Key);
        await CommitAsync("key-revoked");
    }

    public async ValueTask<AgentPrincipal?> AuthenticateAsync(string keyHash)
    {
        if (!state.RecordExists || !state.State.ApiKeys.TryGetValue(keyHash, out var key))
        {
            return null;
        }

        // A disabled tenant's agent keys stop authenticating, as its users' keys do. The Gateway remembers
        // verified keys for a few seconds, so this nested call is not made on every request.
        var tenant = await GrainFactory.GetGrain<ITenantGrain>(Key.Tenant).GetAsync();
        return tenant.Status == TenantStatus.Disabled ? null : new AgentPrincipal(Key.Tenant, Key.Agent, state.State.Status, key.KeyId);
    }

    public async Task<IReadOnlyList<string>> GetGrantedToolsAsync() =>
        (await GrantedAsync()).Order(StringComparer.Ordinal).ToList();

    public async Task<CallAuthorization> AuthorizeCallAsync(string tool)
    {
        if (!state.RecordExists || state.State.Status != AgentStatus.Active)
        {
            return CallAuthorization.Deny(DenialReason.AgentNotActive,
                $"The agent is {(state.RecordExists ? state.State.Status.ToString().ToLowerInvariant() : "unknown")}; only active agents can call tools.");
        }

        if (!(await GrantedAsync()).Contains(tool))
        {
            return CallAuthorization.Deny(DenialReason.ToolNotGranted, $"Tool '{tool}' is not granted to this agent.");
        }

        if (usage.State.Exhaustion(state.State.Config?.CallQuota, time.GetUtcNow(), "agent's") is { } exhausted)
        {
            return CallAuthorization.Deny(DenialReason.QuotaExhausted, exhausted.Message, exhausted.RetryAfter);
        }

        var limit = state.State.Config?.RateLimit ?? RateLimit.AgentDefault;
        _bucket ??= new TokenBucket(limit, time);
        _bucket.Reconfigure(limit);
        var (taken, retryAfter) = _bucket.TryTake();
        if (!taken)
        {
            return CallAuthorization.Deny(DenialReason.RateLimited, $"The agent's rate limit of {limit.PerMinute} calls per minute is used up.", retryAfter);
        }

        _tenantBudget ??= new TenantBudget(time);
        if (!_tenantBudget.TryUse())
        {
            var (wanted, returned) = _tenantBudget.NextRequest();
            var lease = await GrainFactory.GetGrain<ITenantGrain>(Key.Tenant).LeaseToolCallsAsync(wanted, returned);
            if (lease.Granted == 0)
            {
                _bucket.Return(1); // the agent's own unit was not spent on a call
                return lease switch
                {
                    { TenantDisabled: true } => CallAuthorization.Deny(DenialReason.TenantDisabled, "The tenant is disabled; its agents cannot call tools."),
                    { QuotaExhausted: { } message } => CallAuthorization.Deny(DenialReason.QuotaExhausted, message, lease.RetryAfter),
                    _ => CallAuthorization.Deny(DenialReason.RateLimited, "The tenant's tool-call rate limit is used up.", lease.RetryAfter),
                };
            }

            _tenantBudget.Accept(lease.Granted);
        }

        usage.State.Count(1, time.GetUtcNow());
        _usageWriter ??= new DeferredStateWriter<CallCounter>(this, usage, CallCounter.WriteDelay);
        _usageWriter.Changed();
        return CallAuthorization.Allow;
    }

    public Task<CallUsage> GetUsageAsync() =>
        Task.FromResult(usage.State.ToUsage(RequireExisting().Config?.CallQuota, time.GetUtcNow()));

    /// <summary>
    /// Hands unspent tenant units back (the tenant counted them against its quota when it leased them) and writes
    /// the call counters, so neither is lost with the activation.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Our own counts first: handing units back needs the tenant grain, which may be unreachable right now.
        if (_usageWriter is not null)
        {
            await _usageWriter.FlushAsync(cancellationToken);
        }

        if (_tenantBudget?.Release() is > 0 and var unspent)
        {
            await GrainFactory.GetGrain<ITenantGrain>(Key.Tenant).LeaseToolCallsAsync(0, unspent);
        }
    }

    private async Task<HashSet<string>> GrantedAsync()
    {
        if (_granted is null || time.GetElapsedTime(_grantedAt) > GrantsCacheTime)
        {
            var roles = state.State.Config?.Roles ?? [];
            var tools = roles.Count == 0 ? [] : await GrainFactory.GetGrain<IRoleGrantsGrain>(Key.Tenant).ToolsForRolesAsync(roles);
            _granted = tools.ToHashSet(StringComparer.Ordinal);
            _grantedAt = time.GetTimestamp();
        }

        return _granted;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder)
        {
            return;
        }

        if (state.RecordExists && state.State.Status == AgentStatus.Suspended
            && state.State.SuspendedUntil is { } until && until <= time.GetUtcNow())
        {
            await TransitionAsync(AgentAction.Resume, reason: "suspension period ended");
        }

        if (!state.RecordExists || state.State.Status != AgentStatus.Suspended)
        {
            await UnregisterResumeReminderAsync();
        }
    }

    private Task<AgentInfo> TransitionAsync(AgentAction action, string? reason)
    {
        var current = RequireExisting();
        var next = AgentLifecycle.Next(current.Status, action, current.StatusBeforeSuspension);
        if (action == AgentAction.Resume)
        {
            current.SuspendedUntil = null;
        }

        return ApplyAsync(next, reason, action);
    }

    private Task<AgentInfo> ApplyAsync(AgentStatus next, string? reason, AgentAction action)
    {
        state.State.Status = next;
        state.State.StatusReason = reason;
        return CommitAsync(action switch
        {
            AgentAction.Start => "started",
            AgentAction.Stop => "stopped",
            AgentAction.Suspend => "suspended",
            AgentAction.Resume => "resumed",
            _ => "terminated",
        });
    }

    private async Task UnregisterResumeReminderAsync()
    {
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<AgentInfo> CommitAsync(string action)
    {
        state.State.UpdatedAt = time.GetUtcNow();
        state.State.Version++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }

        var info = ToInfo(state.State);
        await projections.UpsertAgentAsync(info);
        await events.PublishAsync(EventFactory.Create(time, info.Tenant, "agent", info.Id, action,
            new Dictionary<string, string> { ["status"] = info.Status.ToString() }));
        return info;
    }

    private AgentState RequireExisting() =>
        state.RecordExists ? state.State : throw CoworkerException.NotFound("Agent", Key.Agent);

    private AgentInfo ToInfo(AgentState s)
    {
        var (tenant, agent) = Key;
        return new AgentInfo(tenant, agent, s.Config!, s.Status, s.StatusReason, s.SuspendedUntil, s.CreatedAt, s.UpdatedAt, s.Version);
    }

    private static bool SameRoles(IReadOnlyList<string>? current, IReadOnlyList<string> next) =>
        (current ?? []).ToHashSet(StringComparer.Ordinal).SetEquals(next);
}
