namespace Coworker.Crypto;

/// <summary>
/// The clear, authenticated start of every envelope: format version, the master key version and the data
/// key version involved. For a wrapped data key, the master key version is the one that wrapped it; for a
/// secret, the one wrapping its data key when it was sealed (informational after a re-wrap).
/// </summary>
public readonly record struct EnvelopeHeader(int MasterKeyVersion, int DataKeyVersion)
{
    public const byte CurrentFormat = 1;

    /// <summary>Format byte, then both versions as big-endian unsigned 32-bit integers.</summary>
    public const int Size = 1 + 4 + 4;
}
