namespace Coworker.Secrets;

/// <summary>
/// A tenant's secrets listing (key "{tenant}"), answered from the coworker.secrets projection: names,
/// kinds and key versions only (a stateless worker: no state, any silo).
/// </summary>
[Alias("Coworker.ISecretIndexGrain")]
public interface ISecretIndexGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<SecretSummary>> ListAsync();
}
