using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Aither.Service.Api.Rest;

/// <summary>
/// Caps request bodies under <c>/api</c> at <see cref="MaxBodyBytes"/>. The routes there take at most a few
/// query parameters, so a large body is never legitimate; without the cap Kestrel would read up to its 30 MB
/// default. A declared length over the cap is refused before anything is read; a chunked body is read (and
/// buffered, so a route that wants it can still read it) only up to the cap. Answer: 413 in the envelope.
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

        // Kestrel then stops reading (and draining) at the cap too, instead of at its server-wide limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = MaxBodyBytes;
        }

        if (request.ContentLength > MaxBodyBytes || !await FitsAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        await next(context);
    }

    private static async Task<bool> FitsAsync(HttpContext context)
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
                    return false;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return true;
    }
}
