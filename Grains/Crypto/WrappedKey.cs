namespace Coworker.Crypto;

/// <summary>A data key sealed under the master key <see cref="MasterKeyVersion"/>.</summary>
public readonly record struct WrappedKey(int MasterKeyVersion, byte[] Envelope);
