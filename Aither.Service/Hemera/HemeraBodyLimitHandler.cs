namespace Aither.Service.Hemera;

/// <summary>
/// Reads every response body inside the attempt, so the attempt timeout and the retries cover a body that stalls
/// or breaks off, and refuses bodies over the limit while they stream in (Content-Length first, then by count).
/// A successful body goes, as it arrives, to the reader the request carries under <see cref="ReaderKey"/>, and the
/// result replaces the content: the body is never held whole. Error bodies are small and kept for their code.
/// Sits inside the resilience handler.
/// </summary>
internal sealed class HemeraBodyLimitHandler(long maxBytes) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<Func<Stream, CancellationToken, ValueTask<object>>> ReaderKey = new("Aither.HemeraBodyReader");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new HemeraResponseTooLargeException(maxBytes);
            }

            HttpContent content;
            var body = new HemeraLimitedStream(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), maxBytes);
            await using (body.ConfigureAwait(false))
            {
                if (response.IsSuccessStatusCode && request.Options.TryGetValue(ReaderKey, out var read))
                {
                    content = new HemeraParsedContent(await read(body, cancellationToken).ConfigureAwait(false));
                }
                else
                {
                    using var buffer = new MemoryStream();
                    await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    content = new HemeraParsedContent(buffer.ToArray());
                }
            }

            response.Content.Dispose();
            response.Content = content;
            return response;
        }
        catch (IOException ex)
        {
            response.Dispose();
            // A body that breaks off is a network error like any other: the retry strategy treats HttpRequestException as transient.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "Hemera's response body broke off.", ex);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

/// <summary>What <see cref="HemeraBodyLimitHandler"/> read from a body: the reader's result, or an error body's bytes.</summary>
internal sealed class HemeraParsedContent(object value) : HttpContent
{
    public object Value { get; } = value;

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => throw new NotSupportedException();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>The body exceeds HEMERA_MAX_RESPONSE_BYTES. Not transient, so never retried.</summary>
internal sealed class HemeraResponseTooLargeException(long maxBytes)
    : Exception($"Hemera's response is larger than HEMERA_MAX_RESPONSE_BYTES ({maxBytes} bytes).")
{
    public long MaxBytes { get; } = maxBytes;
}
