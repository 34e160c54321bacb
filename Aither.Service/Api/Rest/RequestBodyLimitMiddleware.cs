using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Aither.Service.Api.Rest;

/// <summary>
/// Guards request bodies under <c>/api</c> before any route sees them. Bodies are capped at
/// <see cref="MaxBodyBytes"/>: the routes take at most a few query parameters, so a large body is never legitimate,
/// and without the cap Kestrel would read up to its 30 MB default. A declared length over the cap is refused before
/// anything is read; a chunked body is read (and buffered, so a route that wants it can still read it) only up to
/// the cap. A body the client does not finish, or malformed chunked framing, is a 400. A charset .NET cannot decode is refused with 415, because
/// JSON transcoding would fail on it with an exception (a 500).
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public const int MaxBodyBytes = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!ApiEnvelopeMiddleware.IsRestApiRequest(request)
            || context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            await next(context);
            return;
        }

        if (!IsDecodableCharset(request.ContentType))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        // Kestrel then stops reading (and draining) at the cap too, instead of at its server-wide limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = MaxBodyBytes;
        }

        var refusal = request.ContentLength > MaxBodyBytes ? StatusCodes.Status413PayloadTooLarge : await ReadUpToCapAsync(context);
        if (refusal is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        await next(context);
    }

    private static bool IsDecodableCharset(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.Charset.Length == 0)
        {
            return true;
        }

        try
        {
            // As JSON transcoding reads it (quotes included), so that what passes here never fails there.
            _ = Encoding.GetEncoding(mediaType.Charset.ToString());
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Null when the body fits; else the status to answer.</summary>
    private static async Task<int?> ReadUpToCapAsync(HttpContext context)
    {
        var request = context.Request;
        request.EnableBuffering(bufferThreshold: MaxBodyBytes + 1);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                total += read;
                if (total > MaxBodyBytes)
                {
                    return StatusCodes.Status413PayloadTooLarge;
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode;
        }
        catch (IOException)
        {
            // Kestrel reports malformed chunked framing this way (an overflowing chunk size, for one).
            return StatusCodes.Status400BadRequest;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return null;
    }
}
