namespace Coworker.Secrets;

/// <summary>
/// A secret's plain value(s), in silo memory only, on the way onto an upstream request. Never stored,
/// returned to a client, logged or put in an event; <see cref="ToString"/> prints the kind only.
/// </summary>
public sealed class RevealedSecret(SecretKind kind, string? value, string? username, string? password)
{
    public SecretKind Kind { get; } = kind;

    /// <summary>The API key or bearer token; null for Basic.</summary>
    public string? Value { get; } = value;

    public string? Username { get; } = username;

    public string? Password { get; } = password;

    public override string ToString() => $"revealed {Kind} secret";
}
