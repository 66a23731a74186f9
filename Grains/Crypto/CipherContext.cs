using System.Buffers.Binary;
using System.Text;

namespace Coworker.Crypto;

/// <summary>
/// The associated data an envelope is bound to: purpose, tenant and record id, each length-prefixed so no
/// two contexts encode alike. An envelope copied to another tenant or record fails authentication.
/// </summary>
public static class CipherContext
{
    private const string Domain = "coworker/envelope/v1";

    /// <summary>A tenant's data key version, wrapped by a master key.</summary>
    public static byte[] DataKey(string tenant, int version) => Encode("data-key", tenant, version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A service secret of a tenant.</summary>
    public static byte[] Secret(string tenant, string name) => Encode("secret", tenant, name);

    /// <summary>Any other credential record (e.g. an OAuth client secret or token set), by purpose and id.</summary>
    public static byte[] Encode(string purpose, string tenant, string recordId)
    {
        string[] parts = [Domain, purpose, tenant, recordId];
        var buffer = new byte[parts.Sum(p => 2 + Encoding.UTF8.GetByteCount(p))];
        var offset = 0;
        foreach (var part in parts)
        {
            var length = Encoding.UTF8.GetBytes(part, buffer.AsSpan(offset + 2));
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), checked((ushort)length));
            offset += 2 + length;
        }

        return buffer;
    }
}
