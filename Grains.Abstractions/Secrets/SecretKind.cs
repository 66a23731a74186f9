namespace Coworker.Secrets;

/// <summary>What a service secret holds: one value (API key, static bearer token) or a basic-auth pair.</summary>
[GenerateSerializer, Alias("Coworker.SecretKind")]
public enum SecretKind
{
    ApiKey = 0,
    Basic = 1,
    Bearer = 2,
}
