using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Coworker.Crypto;

/// <summary>
/// AES-256-GCM with a self-describing layout:
/// <c>format(1) | master key version(4) | data key version(4) | nonce(12) | tag(16) | ciphertext</c>.
/// The header and the caller's context (<see cref="CipherContext"/>) are both authenticated as associated
/// data, so changing a version byte, or opening under another tenant or record id, fails.
/// </summary>
public static class EnvelopeCipher
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = EnvelopeHeader.Size + NonceSize + TagSize;

    private const int NonceOffset = EnvelopeHeader.Size;
    private const int TagOffset = NonceOffset + NonceSize;

    public static byte[] Seal(ReadOnlySpan<byte> key, EnvelopeHeader header, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context)
    {
        RequireKey(key);
        if (header.MasterKeyVersion < 0 || header.DataKeyVersion < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(header), "Key versions are non-negative.");
        }

        var envelope = new byte[Overhead + plaintext.Length];
        WriteHeader(envelope, header);
        // A random 96-bit nonce per message: with a few billion messages per key the collision risk stays
        // far below 2^-32, and data keys rotate long before that.
        RandomNumberGenerator.Fill(envelope.AsSpan(NonceOffset, NonceSize));
        var associated = AssociatedData(envelope.AsSpan(0, EnvelopeHeader.Size), context);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(
            envelope.AsSpan(NonceOffset, NonceSize), plaintext, envelope.AsSpan(Overhead), envelope.AsSpan(TagOffset, TagSize), associated);
        return envelope;
    }

    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> context)
    {
        RequireKey(key);
        ReadHeader(envelope);
        var plaintext = new byte[envelope.Length - Overhead];
        var associated = AssociatedData(envelope[..EnvelopeHeader.Size], context);
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(envelope.Slice(NonceOffset, NonceSize), envelope[Overhead..], envelope.Slice(TagOffset, TagSize), plaintext, associated);
            return plaintext;
        }
        catch (CryptographicException exception)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new EnvelopeException("The envelope failed authentication: wrong key, tenant or record, or it was altered.", exception);
        }
    }

    public static EnvelopeHeader ReadHeader(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < Overhead)
        {
            throw new EnvelopeException("The envelope is too short to be one.");
        }

        if (envelope[0] != EnvelopeHeader.CurrentFormat)
        {
            throw new EnvelopeException($"Unknown envelope format {envelope[0]}.");
        }

        var master = BinaryPrimitives.ReadUInt32BigEndian(envelope[1..]);
        var data = BinaryPrimitives.ReadUInt32BigEndian(envelope[5..]);
        if (master > int.MaxValue || data > int.MaxValue)
        {
            throw new EnvelopeException("The envelope's key versions are out of range.");
        }

        return new EnvelopeHeader((int)master, (int)data);
    }

    private static void WriteHeader(Span<byte> envelope, EnvelopeHeader header)
    {
        envelope[0] = EnvelopeHeader.CurrentFormat;
        BinaryPrimitives.WriteUInt32BigEndian(envelope[1..], (uint)header.MasterKeyVersion);
        BinaryPrimitives.WriteUInt32BigEndian(envelope[5..], (uint)header.DataKeyVersion);
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, ReadOnlySpan<byte> context)
    {
        var associated = new byte[header.Length + context.Length];
        header.CopyTo(associated);
        context.CopyTo(associated.AsSpan(header.Length));
        return associated;
    }

    private static void RequireKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new ArgumentException($"AES-256 keys are {KeySize} bytes.", nameof(key));
        }
    }
}
