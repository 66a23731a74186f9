using Coworker.Secrets;

namespace Coworker.Gateway.Apis.Contracts;

/// <summary>
/// Body of PUT /secrets/{name}: {"kind":"ApiKey"|"Bearer","value":"…"} or {"kind":"Basic","username":"…","password":"…"}.
/// <see cref="ToString"/> never prints the values.
/// </summary>
public sealed record SetSecretRequest(SecretKind? Kind, string? Value, string? Username, string? Password, IReadOnlyList<string>? AllowedHosts = null)
{
    public SetSecret ToCommand() => Kind is { } kind
        ? new SetSecret(kind, Value, Username, Password, AllowedHosts)
        : throw Common.CoworkerException.Validation("A secret needs a 'kind': ApiKey, Basic or Bearer.");

    public override string ToString() => $"SetSecretRequest {{ Kind = {Kind} }}";
}

/// <summary>What a key rotation did, per tenant that has a keyring; tenants without one are only counted.</summary>
public sealed record KeyRotationResponse(
    int TenantsChecked,
    int DataKeysRewrapped,
    int SecretsReencrypted,
    IReadOnlyList<TenantKeyRotation> Tenants);

/// <summary>Body of PUT /secrets/{name}/hosts: {"allowedHosts":["api.example.com","*.example.org:8443"]}.</summary>
public sealed record SetSecretHostsRequest(IReadOnlyList<string>? AllowedHosts);
