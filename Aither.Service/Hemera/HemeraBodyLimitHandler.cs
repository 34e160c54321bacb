namespace Aither.Service.Hemera;

/// <summary>
/// Reads every response body inside the attempt, so the attempt timeout and the retries cover a body that stalls
/// or breaks off, and refuses bodies over the limit while they stream in (Content-Length first, then by count).
/// Sits inside the resilience handler.
/// </summary>
internal sealed class HemeraBodyLimitHandler(long maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await ReadLimitedAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
            var buffered = new HemeraBufferedContent(body);
            foreach (var header in response.Content.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content.Dispose();
            response.Content = buffered;
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The whole body, or <see cref="HemeraResponseTooLargeException"/> as soon as it is known to exceed <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content is HemeraBufferedContent buffered)
        {
            return buffered.Body.Length > maxBytes ? throw new HemeraResponseTooLargeException(maxBytes) : buffered.Body;
        }

        var length = content.Headers.ContentLength;
        if (length > maxBytes)
        {
            throw new HemeraResponseTooLargeException(maxBytes);
        }

        try
        {
            using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            if (length is { } known)
            {
                // HttpClient enforces Content-Length framing, so exactly this many bytes arrive (or an IOException).
                var exact = new byte[known];
                await stream.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
                return exact;
            }

            var buffer = new byte[(int)Math.Min(maxBytes + 1, 64 * 1024)];
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (count > maxBytes)
                    {
                        throw new HemeraResponseTooLargeException(maxBytes);
                    }

                    // Never more than one byte over the limit: that is enough to know the body is too large.
                    Array.Resize(ref buffer, (int)Math.Min(buffer.Length * 2L, maxBytes + 1));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return count > maxBytes ? throw new HemeraResponseTooLargeException(maxBytes) : buffer.AsMemory(0, count);
                }

                count += read;
            }
        }
        catch (IOException ex)
        {
            // A body that breaks off is a network error like any other: the retry strategy treats HttpRequestException as transient.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "Hemera's response body broke off.", ex);
        }
    }
}

/// <summary>A body already read into memory by <see cref="HemeraBodyLimitHandler"/>.</summary>
internal sealed class HemeraBufferedContent(ReadOnlyMemory<byte> body) : HttpContent
{
    public ReadOnlyMemory<byte> Body { get; } = body;

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        stream.WriteAsync(Body).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Body, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = Body.Length;
        return true;
    }
}

/// <summary>The body exceeds HEMERA_MAX_RESPONSE_BYTES. Not transient, so never retried.</summary>
internal sealed class HemeraResponseTooLargeException(long maxBytes)
    : Exception($"Hemera's response is larger than HEMERA_MAX_RESPONSE_BYTES ({maxBytes} bytes).")
{
    public long MaxBytes { get; } = maxBytes;
}
