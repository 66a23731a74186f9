namespace Coworker.Secrets;

/// <summary>
/// The plain value(s) of a secret on their way into the cluster: <see cref="Value"/> for ApiKey and Bearer,
/// <see cref="Username"/> and <see cref="Password"/> for Basic. <see cref="ToString"/> never prints them.
/// <see cref="AllowedHosts"/> are the upstream hosts an Owner approves the secret for ("api.example.com",
/// "api.example.com:8443", "*.example.com"); null keeps the current list when replacing a secret and means
/// none (the secret is released nowhere) when creating one.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.SetSecret")]
public sealed record SetSecret(
    [property: Id(0)] SecretKind Kind,
    [property: Id(1)] string? Value,
    [property: Id(2)] string? Username = null,
    [property: Id(3)] string? Password = null,
    [property: Id(4)] IReadOnlyList<string>? AllowedHosts = null)
{
    public static SetSecret ApiKey(string value, IReadOnlyList<string>? allowedHosts = null) => new(SecretKind.ApiKey, value, AllowedHosts: allowedHosts);

    public static SetSecret Bearer(string token, IReadOnlyList<string>? allowedHosts = null) => new(SecretKind.Bearer, token, AllowedHosts: allowedHosts);

    public static SetSecret Basic(string username, string password, IReadOnlyList<string>? allowedHosts = null) =>
        new(SecretKind.Basic, null, username, password, allowedHosts);

    public override string ToString() => $"SetSecret {{ Kind = {Kind} }}";
}
