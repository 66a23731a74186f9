namespace Coworker.Secrets;

/// <summary>
/// The plain value(s) of a secret on their way into the cluster: <see cref="Value"/> for ApiKey and Bearer,
/// <see cref="Username"/> and <see cref="Password"/> for Basic. <see cref="ToString"/> never prints them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Coworker.SetSecret")]
public sealed record SetSecret(
    [property: Id(0)] SecretKind Kind,
    [property: Id(1)] string? Value,
    [property: Id(2)] string? Username = null,
    [property: Id(3)] string? Password = null)
{
    public static SetSecret ApiKey(string value) => new(SecretKind.ApiKey, value);

    public static SetSecret Bearer(string token) => new(SecretKind.Bearer, token);

    public static SetSecret Basic(string username, string password) => new(SecretKind.Basic, null, username, password);

    public override string ToString() => $"SetSecret {{ Kind = {Kind} }}";
}
