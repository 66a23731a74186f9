using Coworker.Common;

namespace Coworker.Tests.Unit;

public sealed class ApiKeyHasherTests
{
    [Fact]
    public void ScopeIsReadBackFromEveryGeneratedKeyWhateverItsRandomPartHolds()
    {
        // 43 random base64url characters contain '_' or '-' in most keys; 500 keys cover both cases.
        for (var i = 0; i < 500; i++)
        {
            var key = ApiKeyHasher.NewKey(ApiKeyHasher.TenantKeyPrefix, "acme-corp");
            Assert.Equal("acme-corp", ApiKeyHasher.ScopeOf(key, ApiKeyHasher.TenantKeyPrefix));
        }
    }

    [Theory]
    [InlineData("cwa_admin_xyz")]
    [InlineData("cwk")]
    [InlineData("cwk_")]
    [InlineData("something-else")]
    public void KeysOfAnotherShapeHaveNoTenantScope(string key) =>
        Assert.Null(ApiKeyHasher.ScopeOf(key, ApiKeyHasher.TenantKeyPrefix));

    [Fact]
    public void HashIsStableAndDoesNotContainTheKey()
    {
        var key = ApiKeyHasher.NewKey("cwk", "t1");
        Assert.Equal(ApiKeyHasher.Hash(key), ApiKeyHasher.Hash(key));
        Assert.Equal(64, ApiKeyHasher.Hash(key).Length);
        Assert.NotEqual(ApiKeyHasher.Hash(key), ApiKeyHasher.Hash(key + "x"));
    }
}
