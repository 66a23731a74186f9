using System.Text.Json.Nodes;
using Coworker.Secrets;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Secrets;

/// <summary>
/// Secrets stored before approved hosts existed have no such field in grain storage: they must read as approved
/// for no host (deny by default), not fail to load.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredSecretWithoutHostsTests(ClusterFixture cluster)
{
    [Fact]
    public void ASecretStoredBeforeApprovedHostsExistedReadsAsApprovedForNoHost()
    {
        var serializer = SiloStorageSerializer.Of(cluster);
        var current = new SecretState { Kind = SecretKind.ApiKey, Envelope = [1, 2, 3], Masked = "••••", AllowedHosts = ["api.example.com"] };
        var json = JsonNode.Parse(serializer.Serialize(current).ToString())!.AsObject();
        Assert.True(json.Remove(nameof(SecretState.AllowedHosts)), "the stored state names its approved hosts");

        var old = serializer.Deserialize<SecretState>(BinaryData.FromString(json.ToJsonString()))!;

        Assert.Equal((SecretKind.ApiKey, "••••"), (old.Kind, old.Masked));
        Assert.Empty(old.AllowedHosts);
        Assert.False(ApprovedHosts.Allows(old.AllowedHosts, new Uri("https://api.example.com/")));
    }
}
