using System.Globalization;
using Aither.Service.State;
using Microsoft.Extensions.Options;

namespace Aither.Service.Room;

/// <summary><c>GET</c>/<c>HEAD /room</c>: the current page with its ETag (the file result answers <c>If-None-Match</c> with 304 and HEAD without a body).</summary>
internal static class RoomEndpoint
{
    public const string Path = "/room";

    public static async Task<IResult> Get(HttpContext context, RoomPageSource source, IOptions<StateOptions> state)
    {
        var page = await source.CurrentAsync(context.RequestAborted).ConfigureAwait(false);
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (page is null)
        {
            // The store is unreachable and this instance has never loaded a page; the kiosk keeps what it shows.
            headers.CacheControl = "no-store";
            headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(state.Value.RefreshMs / 1000d)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        headers.CacheControl = "private, no-cache";
        headers.ContentSecurityPolicy = page.ContentSecurityPolicy;
        return TypedResults.Bytes(page.Body, "text/html; charset=utf-8", entityTag: page.ETag);
    }
}
