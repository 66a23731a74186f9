using Coworker.Common;
using Microsoft.Extensions.Logging;

namespace Coworker.Secrets;

/// <summary>
/// Rotation of one tenant, in two steps that each leave everything readable: the keyring re-wraps its data
/// keys (and adds a version) in one turn; then each secret is re-encrypted to the active data key, a few at
/// a time. Secrets keep their old envelopes until re-encrypted, and old data key versions are never
/// dropped, so reads during or after an interrupted rotation still succeed; running it again finishes it.
/// </summary>
[StatelessWorker]
public sealed partial class KeyRotationGrain(SecretProjection projection, ILogger<KeyRotationGrain> logger) : Grain, IKeyRotationGrain
{
    private const int Parallelism = 8;

    public async Task<TenantKeyRotation> RotateAsync(bool newDataKey)
    {
        var tenant = Slug.Require(this.GetPrimaryKeyString(), "tenant");
        var rotation = await GrainFactory.GetGrain<ITenantKeyringGrain>(tenant).RotateAsync(newDataKey);
        if (rotation.NothingToRotate)
        {
            return rotation;
        }

        var reencrypted = 0;
        foreach (var batch in (await projection.ListAsync(tenant)).Chunk(Parallelism))
        {
            var results = await Task.WhenAll(batch.Select(secret =>
                GrainFactory.GetGrain<ISecretGrain>(GrainKeys.Compose(tenant, secret.Name)).ReencryptAsync()));
            reencrypted += results.Count(done => done);
        }

        LogRotated(tenant, rotation.MasterKeyVersion, rotation.ActiveDataKeyVersion, rotation.DataKeysRewrapped, reencrypted);
        return rotation with { SecretsReencrypted = reencrypted };
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Rotated the keys of tenant {Tenant}: master key v{MasterKeyVersion}, data key v{DataKeyVersion}, {Rewrapped} data key(s) re-wrapped, {Reencrypted} secret(s) re-encrypted")]
    private partial void LogRotated(string tenant, int masterKeyVersion, int dataKeyVersion, int rewrapped, int reencrypted);
}
