namespace Coworker.Secrets;

/// <summary>Row of a tenant's secrets listing, projected into PostgreSQL: names, kinds and approved hosts, never values.</summary>
[GenerateSerializer, Immutable, Alias("Coworker.SecretSummary")]
public sealed record SecretSummary(
    [property: Id(0)] string Name,
    [property: Id(1)] SecretKind Kind,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] int DataKeyVersion,
    [property: Id(4)] IReadOnlyList<string> AllowedHosts);
