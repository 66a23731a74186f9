using Coworker.Common;
using Coworker.Events;
using Coworker.Projections;

namespace Coworker.Tenants;

/// <summary>
/// The tenant aggregate. Every change is written to grain storage first, then projected to the
/// listing table and published as an event, so a failed write changes nothing anywhere.
/// </summary>
public sealed class TenantGrain(
    [PersistentState("tenant", "coworker")] IPersistentState<TenantState> state,
    [PersistentState("usage", "coworker")] IPersistentState<Agents.CallCounter> usage,
    ProjectionStore projections,
    IEventPublisher events,
    TimeProvider time) : Grain, ITenantGrain
{
    private const int MaxDisplayName = 200;

    private Agents.TokenBucket? _toolCalls;
    private DeferredStateWriter<Agents.CallCounter>? _usageWriter;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<TenantInfo> CreateAsync(CreateTenant request)
    {
        Slug.Require(TenantId, "tenant");
        if (state.RecordExists)
        {
            throw CoworkerException.Conflict($"Tenant '{TenantId}' already exists.");
        }

        var owner = UserId.Require(request.OwnerUser);
        var now = time.GetUtcNow();
        state.State = new TenantState
        {
            DisplayName = RequireDisplayName(request.DisplayName),
            Status = TenantStatus.Active,
            Quotas = ValidateQuotas(request.Quotas ?? TenantQuotas.Default),
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.State.Users[owner] = new TenantUser(owner, TenantRole.Owner, now);
        return await CommitAsync("created");
    }

    public Task<TenantInfo> GetAsync() => Task.FromResult(ToInfo(RequireExisting()));

    public async Task<TenantInfo> UpdateAsync(UpdateTenant request)
    {
        var current = RequireExisting();
        RequireCaller(TenantRole.Owner);
        if (request.DisplayName is not null)
        {
            current.DisplayName = RequireDisplayName(request.DisplayName);
        }

        if (request.Quotas is not null)
        {
            CallerRole.RequirePlatformAdmin("change a tenant's quotas and limits");
            current.Quotas = ValidateQuotas(request.Quotas);
        }

        if (request.NetworkAllowlist is not null)
        {
            current.NetworkAllowlist = Execution.NetworkAllowlist.Validate(request.NetworkAllowlist);
        }

        return await CommitAsync("updated");
    }

    public Task<TenantInfo> DisableAsync() => SetStatusAsync(TenantStatus.Disabled, "disabled");

    public Task<TenantInfo> EnableAsync() => SetStatusAsync(TenantStatus.Active, "enabled");

    /// <summary>Users, keys and settings are the Owner's to change, whichever front door the call came through.</summary>
    private void RequireCaller(TenantRole minimum) =>
        CallerRole.Require(TenantId, minimum, userId => state.State.Users.GetValueOrDefault(userId));

    public Task<IReadOnlyList<TenantUser>> ListUsersAsync() =>
        Task.FromResult<IReadOnlyList<TenantUser>>(RequireExisting().Users.Values.OrderBy(u => u.UserId, StringComparer.Ordinal).ToList());

    public async Task<TenantUser> SetUserAsync(string userId, TenantRole role)
    {
        var current = RequireExisting();
        RequireCaller(TenantRole.Owner);
        UserId.Require(userId);
        if (!Enum.IsDefined(role))
        {
            throw CoworkerException.Validation("Role must be Owner, Member or Viewer.");
        }

        if (current.Users.TryGetValue(userId, out var existing))
        {
            if (existing.Role == TenantRole.Owner && role != TenantRole.Owner && OwnerCount(current) == 1)
            {
                throw CoworkerException.Conflict("The last Owner of a tenant cannot be demoted; make another user Owner first.");
            }

            current.Users[userId] = existing with { Role = role };
        }
        else
        {
            if (current.Users.Count >= current.Quotas.MaxUsers)
            {
                throw CoworkerException.Conflict($"The tenant has reached its quota of {current.Quotas.MaxUsers} users.");
            }

            current.Users[userId] = new TenantUser(userId, role, time.GetUtcNow());
        }

        await CommitAsync("user-set", new Dictionary<string, string> { ["user"] = userId, ["role"] = role.ToString() });
        return current.Users[userId];
    }

    public async Task RemoveUserAsync(string userId)
    {
        var current = RequireExisting();
        RequireCaller(TenantRole.Owner);
        if (!current.Users.TryGetValue(userId, out var user))
        {
            throw CoworkerException.NotFound("User", userId);
        }

        if (user.Role == TenantRole.Owner && OwnerCount(current) == 1)
        {
            throw CoworkerException.Conflict("The last Owner of a tenant cannot be removed.");
        }

        current.Users.Remove(userId);
        // A removed user's keys die with them.
        foreach (var hash in current.ApiKeys.Where(k => k.Value.UserId == userId).Select(k => k.Key).ToList())
        {
            current.ApiKeys.Remove(hash);
        }

        await CommitAsync("user-removed", new Dictionary<string, string> { ["user"] = userId });
    }

    public async Task<IssuedApiKey> CreateApiKeyAsync(string userId, string name)
    {
        var current = RequireExisting();
        RequireCaller(TenantRole.Owner);
        if (!current.Users.ContainsKey(userId))
        {
            throw CoworkerException.NotFound("User", userId);
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw CoworkerException.Validation("An API key needs a name of 1-100 characters.");
        }

        var key = ApiKeyHasher.NewKey(ApiKeyHasher.TenantKeyPrefix, TenantId);
        var keyId = Guid.NewGuid().ToString("N")[..12];
        var stored = new StoredApiKey(keyId, name.Trim(), userId, key[..(ApiKeyHasher.TenantKeyPrefix.Length + TenantId.Length + 6)] + "…", time.GetUtcNow());
        current.ApiKeys[ApiKeyHasher.Hash(key)] = stored;
        await CommitAsync("key-created", new Dictionary<string, string> { ["keyId"] = keyId, ["user"] = userId });
        return new IssuedApiKey(stored.ToInfo(), key);
    }

    public Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync() =>
        Task.FromResult<IReadOnlyList<ApiKeyInfo>>(
            RequireExisting().ApiKeys.Values.OrderBy(k => k.CreatedAt).Select(k => k.ToInfo()).ToList());

    public async Task RevokeApiKeyAsync(string keyId)
    {
        var current = RequireExisting();
        RequireCaller(TenantRole.Owner);
        var entry = current.ApiKeys.FirstOrDefault(k => k.Value.KeyId == keyId);
        if (entry.Key is null)
        {
            throw CoworkerException.NotFound("API key", keyId);
        }

        current.ApiKeys.Remove(entry.Key);
        await CommitAsync("key-revoked", new Dictionary<string, string> { ["keyId"] = keyId });
    }

    public ValueTask<TenantPrincipal?> AuthenticateAsync(string keyHash)
    {
        if (!state.RecordExists || state.State.Status != TenantStatus.Active
            || !state.State.ApiKeys.TryGetValue(keyHash, out var key)
            || !state.State.Users.TryGetValue(key.UserId, out var user))
        {
            return ValueTask.FromResult<TenantPrincipal?>(null);
        }

        return ValueTask.FromResult<TenantPrincipal?>(new TenantPrincipal(TenantId, user.UserId, user.Role, key.KeyId));
    }

    public async Task RegisterAgentAsync(string agentId)
    {
        var current = RequireExisting();
        if (current.Status != TenantStatus.Active)
        {
            throw new CoworkerException(ErrorKind.Disabled, $"Tenant '{TenantId}' is disabled.");
        }

        if (current.AgentIds.Contains(agentId))
        {
            return;
        }

        if (current.AgentIds.Count >= current.Quotas.MaxAgents)
        {
            throw CoworkerException.Conflict($"The tenant has reached its quota of {current.Quotas.MaxAgents} agents.");
        }

        current.AgentIds.Add(agentId);
        await state.WriteStateAsync();
    }

    public ValueTask<ToolCallLease> LeaseToolCallsAsync(int wanted, int returned)
    {
        if (!state.RecordExists)
        {
            return ValueTask.FromResult(new ToolCallLease(0, TimeSpan.Zero, TenantDisabled: true));
        }

        var now = time.GetUtcNow();
        var limit = state.State.Quotas.ToolCalls ?? Agents.RateLimit.TenantDefault;
        var quota = state.State.Quotas.CallQuota;
        _toolCalls ??= new Agents.TokenBucket(limit, time);
        _toolCalls.Reconfigure(limit);
        _toolCalls.Return(returned);
        if (returned > 0)
        {
            usage.State.Uncount(returned, now);
            UsageChanged();
        }

        if (state.State.Status == TenantStatus.Disabled)
        {
            return ValueTask.FromResult(new ToolCallLease(0, TimeSpan.Zero, TenantDisabled: true));
        }

        if (wanted <= 0)
        {
            return ValueTask.FromResult(new ToolCallLease(0, TimeSpan.Zero)); // only giving units back
        }

        if (usage.State.Exhaustion(quota, now, "tenant's") is { } exhausted)
        {
            return ValueTask.FromResult(new ToolCallLease(0, exhausted.RetryAfter, QuotaExhausted: exhausted.Message));
        }

        var most = Math.Min(Math.Clamp(wanted, 1, Math.Max(1, limit.Burst / 20)), usage.State.Remaining(quota, now));
        var (taken, retryAfter) = _toolCalls.TryTake(most);
        if (taken > 0)
        {
            usage.State.Count(taken, now);
            UsageChanged();
        }

        return ValueTask.FromResult(new ToolCallLease(taken, retryAfter));
    }

    public Task<Agents.CallUsage> GetToolCallUsageAsync() =>
        Task.FromResult(usage.State.ToUsage(RequireExisting().Quotas.CallQuota, time.GetUtcNow()));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _usageWriter?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    private void UsageChanged()
    {
        _usageWriter ??= new DeferredStateWriter<Agents.CallCounter>(this, usage, Agents.CallCounter.WriteDelay);
        _usageWriter.Changed();
    }

    public Task<IReadOnlyList<string>> ListAgentIdsAsync() =>
        Task.FromResult<IReadOnlyList<string>>(RequireExisting().AgentIds.Order(StringComparer.Ordinal).ToList());

    private async Task<TenantInfo> SetStatusAsync(TenantStatus status, string action)
    {
        var current = RequireExisting();
        if (current.Status == status)
        {
            return ToInfo(current);
        }

        current.Status = status;
        return await CommitAsync(action);
    }

    private async Task<TenantInfo> CommitAsync(string action, IReadOnlyDictionary<string, string>? data = null)
    {
        state.State.UpdatedAt = time.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Drop the in-memory change so the activation matches what storage holds.
            await state.ReadStateAsync();
            throw;
        }

        var info = ToInfo(state.State);
        await projections.UpsertTenantAsync(info);
        await events.PublishAsync(EventFactory.Create(time, TenantId, "tenant", TenantId, action, data));
        return info;
    }

    private TenantState RequireExisting() =>
        state.RecordExists ? state.State : throw CoworkerException.NotFound("Tenant", TenantId);

    private TenantInfo ToInfo(TenantState s) => new(TenantId, s.DisplayName, s.Status, s.Quotas, s.CreatedAt, s.UpdatedAt, s.NetworkAllowlist);

    private static int OwnerCount(TenantState s) => s.Users.Values.Count(u => u.Role == TenantRole.Owner);

    private static string RequireDisplayName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxDisplayName
            ? name.Trim()
            : throw CoworkerException.Validation($"A tenant needs a display name of 1-{MaxDisplayName} characters.");

    private static TenantQuotas ValidateQuotas(TenantQuotas quotas) =>
        quotas is { MaxAgents: >= 1 and <= 100_000, MaxUsers: >= 1 and <= 100_000 }
            && quotas.ToolCalls is null or { PerMinute: >= 1 and <= 10_000_000, Burst: >= 1 and <= 1_000_000 }
            ? quotas.CallQuota?.IsValid() != false
                ? quotas is { MaxToolsPerTenant: null or (>= 1 and <= TenantQuotas.MaxToolsLimit), MaxOperationsPerImport: null or (>= 1 and <= TenantQuotas.MaxOperationsLimit) }
                    ? quotas
                    : throw CoworkerException.Validation(
                        $"maxToolsPerTenant must be 1-{TenantQuotas.MaxToolsLimit} and maxOperationsPerImport 1-{TenantQuotas.MaxOperationsLimit} (or null for the platform default).")
                : throw CoworkerException.Validation($"A call quota needs 1-{Agents.CallQuota.Max} calls per day and per month (or none).")
            : throw CoworkerException.Validation("Quotas must be between 1 and 100000.");
}
