namespace Coworker.Secrets;

/// <summary>
/// A release refused: the request would go to a host the secret is not approved for. The message names the secret
/// and the host, never the value; nothing has been decrypted when it is thrown.
/// </summary>
public sealed class SecretNotApprovedException(string secret, string host)
    : Exception($"Secret '{secret}' is not approved for host '{host}'; an Owner of the tenant can approve the host for it.")
{
    public string Secret { get; } = secret;

    public string Host { get; } = host;
}
