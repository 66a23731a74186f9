namespace Coworker.Execution;

/// <summary>Reads an HTTP body up to a byte limit: a body over the limit is refused, never truncated.</summary>
public static class CappedBody
{
    /// <summary>The body's bytes, or null when it is longer than <paramref name="max"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long max, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > max)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
