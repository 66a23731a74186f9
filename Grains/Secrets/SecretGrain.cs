using System.Security.Cryptography;
using Coworker.Common;
using Coworker.Crypto;
using Coworker.Events;
using Coworker.Tenants;

namespace Coworker.Secrets;

/// <summary>
/// One service secret. The value is validated and encrypted as it arrives and only the envelope is kept;
/// every change is written to grain storage first, then projected (name and kind) and announced as an
/// event without any value. The grain doubles as its own call filter to keep its silo-internal methods
/// away from external clients. Every change (value, approved hosts, deletion) needs the tenant's Owner role,
/// checked here rather than only in the Gateway, so no front door lets a Member decide where a secret goes.
/// </summary>
public sealed class SecretGrain(
    [PersistentState("secret", "coworker")] IPersistentState<SecretState> state,
    SecretVault vault,
    SecretProjection projection,
    IEventPublisher events,
    TimeProvider time) : Grain, ISecretGrain, IIncomingGrainCallFilter
{
    private (string Tenant, string Name) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public Task Invoke(IIncomingGrainCallContext context)
    {
        SiloInternalCalls.Check(context);
        return context.Invoke();
    }

    public async Task<SecretInfo> SetAsync(SetSecret secret)
    {
        var (tenant, name) = Key;
        Slug.Require(tenant, "tenant");
        SecretName.Require(name);
        ArgumentNullException.ThrowIfNull(secret);
        await CallerRole.RequireAsync(GrainFactory, tenant, TenantRole.Owner);

        var plaintext = SecretPayload.Encode(secret);
        try
        {
            // Replacing a value without naming hosts keeps the approved ones; a new secret without hosts goes nowhere.
            var hosts = secret.AllowedHosts is null && state.RecordExists ? state.State.AllowedHosts : ApprovedHosts.Normalize(secret.AllowedHosts);
            // 404 for a tenant that does not exist, before anything is created for it.
            await GrainFactory.GetGrain<ITenantGrain>(tenant).GetAsync();
            var envelope = await vault.SealAsync(tenant, CipherContext.Secret(tenant, name), plaintext);
            var now = time.GetUtcNow();
            var created = !state.RecordExists;
            state.State = new SecretState
            {
                Kind = secret.Kind,
                Envelope = envelope,
                Masked = SecretPayload.Mask(secret),
                CreatedAt = created ? now : state.State.CreatedAt,
                UpdatedAt = now,
                AllowedHosts = [.. hosts],
            };
            await CommitAsync();
            await projection.UpsertAsync(tenant, name, secret.Kind, Versions().DataKeyVersion, now, state.State.AllowedHosts);
            await events.PublishAsync(EventFactory.Create(time, tenant, "secret", name, created ? "created" : "updated",
                new Dictionary<string, string> { ["kind"] = secret.Kind.ToString(), ["allowedHosts"] = string.Join(' ', state.State.AllowedHosts) }));
            return ToInfo();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public Task<SecretInfo> GetInfoAsync() => Task.FromResult(ToInfo());

    public async Task<SecretInfo> SetAllowedHostsAsync(IReadOnlyList<string> allowedHosts)
    {
        var (tenant, name) = Key;
        await CallerRole.RequireAsync(GrainFactory, tenant, TenantRole.Owner);
        var current = RequireExisting();
        var hosts = ApprovedHosts.Normalize(allowedHosts);
        current.AllowedHosts = [.. hosts];
        current.UpdatedAt = time.GetUtcNow();
        await CommitAsync();
        await projection.UpsertAsync(tenant, name, current.Kind, Versions().DataKeyVersion, current.UpdatedAt, current.AllowedHosts);
        await events.PublishAsync(EventFactory.Create(time, tenant, "secret", name, "hosts-changed",
            new Dictionary<string, string> { ["kind"] = current.Kind.ToString(), ["allowedHosts"] = string.Join(' ', current.AllowedHosts) }));
        return ToInfo();
    }

    public async Task DeleteAsync()
    {
        var (tenant, name) = Key;
        await CallerRole.RequireAsync(GrainFactory, tenant, TenantRole.Owner);
        RequireExisting();
        await state.ClearStateAsync();
        state.State = new SecretState();
        await projection.DeleteAsync(tenant, name);
        await events.PublishAsync(EventFactory.Create(time, tenant, "secret", name, "deleted"));
    }

    public Task<SealedSecret?> GetSealedAsync() =>
        Task.FromResult(state.RecordExists ? new SealedSecret(state.State.Kind, state.State.Envelope, state.State.AllowedHosts.ToList()) : null);

    public async Task<bool> ReencryptAsync()
    {
        if (!state.RecordExists)
        {
            return false;
        }

        var (tenant, name) = Key;
        if (Versions().DataKeyVersion == await vault.ActiveDataKeyVersionAsync(tenant))
        {
            return false;
        }

        var context = CipherContext.Secret(tenant, name);
        var plaintext = await vault.OpenAsync(tenant, context, state.State.Envelope);
        try
        {
            state.State.Envelope = await vault.SealAsync(tenant, context, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        await CommitAsync();
        await projection.UpsertAsync(tenant, name, state.State.Kind, Versions().DataKeyVersion, state.State.UpdatedAt, state.State.AllowedHosts);
        return true;
    }

    private EnvelopeHeader Versions() => EnvelopeCipher.ReadHeader(state.State.Envelope);

    private SecretState RequireExisting() =>
        state.RecordExists ? state.State : throw CoworkerException.NotFound("Secret", Key.Name);

    private SecretInfo ToInfo()
    {
        var current = RequireExisting();
        var (tenant, name) = Key;
        var versions = Versions();
        return new SecretInfo(
            tenant, name, current.Kind, current.Masked, current.CreatedAt, current.UpdatedAt, versions.DataKeyVersion, versions.MasterKeyVersion,
            current.AllowedHosts.ToList());
    }

    private async Task CommitAsync()
    {
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
    }
}
