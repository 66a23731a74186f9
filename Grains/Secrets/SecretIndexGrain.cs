using Coworker.Common;

namespace Coworker.Secrets;

[StatelessWorker]
public sealed class SecretIndexGrain(SecretProjection projection) : Grain, ISecretIndexGrain
{
    public Task<IReadOnlyList<SecretSummary>> ListAsync() =>
        projection.ListAsync(Slug.Require(this.GetPrimaryKeyString(), "tenant"));
}
