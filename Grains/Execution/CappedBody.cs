using System.Buffers;

namespace Coworker.Execution;

/// <summary>Reads an HTTP body up to a byte limit: a body over the limit is refused, never truncated.</summary>
public static class CappedBody
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>The body's bytes, or null when it is longer than <paramref name="max"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long max, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > max)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Most tool responses are small: the chunk comes from the shared pool instead of being allocated (and
        // zeroed) per call, and the body is copied out once at the end.
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            using var buffer = new MemoryStream(content.Headers.ContentLength is { } length and <= ChunkSize ? (int)length : ChunkSize);
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
