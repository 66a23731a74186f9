using Coworker.Audit;
using Coworker.Crypto;
using Coworker.Tests.Infrastructure;

namespace Coworker.Tests.Audit;

/// <summary>
/// Signs audit messages as the test silos do (they run with <see cref="TestMasterKey"/>), for tests that put a
/// message on an audit subject by hand and expect a writer to read it.
/// </summary>
internal static class TestAuditSigner
{
    public static AuditSigner Instance { get; } = For(TestMasterKey.Value);

    /// <summary>A signer keyed from another master key: what a silo of another deployment (or a forger) would sign with.</summary>
    public static AuditSigner For(string masterKeyBase64, int version = 1) =>
        new(new MasterKeyRing(new Dictionary<int, byte[]> { [version] = Convert.FromBase64String(masterKeyBase64) }, version));
}
