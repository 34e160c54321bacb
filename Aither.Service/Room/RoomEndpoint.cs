using Microsoft.Net.Http.Headers;

namespace Aither.Service.Room;

/// <summary><c>GET</c>/<c>HEAD /room</c>: the current page with its ETag (the file result answers <c>If-None-Match</c> with 304 and HEAD without a body).</summary>
internal static class RoomEndpoint
{
    public const string Path = "/room";

    public static IResult Get(HttpContext context, RoomPageSource source)
    {
        var page = source.Current();
        var headers = context.Response.Headers;
        headers.CacheControl = "private, no-cache";
        headers.ContentSecurityPolicy = page.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Bytes(page.Body, "text/html; charset=utf-8", entityTag: page.ETag);
    }
}
