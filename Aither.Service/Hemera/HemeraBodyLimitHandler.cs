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
