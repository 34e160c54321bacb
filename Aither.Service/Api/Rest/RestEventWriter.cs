using Google.Protobuf;
using Grpc.Core;

namespace Aither.Service.Api.Rest;

/// <summary>
/// Writes a transcoded server stream as newline-delimited JSON (<c>application/x-ndjson</c>): each message becomes
/// one success envelope on a line of its own, <c>{"success":true,"data":{…},"meta":{…}}</c>, flushed at once. The
/// status (200) goes out with the first event; until then an error still gets the ordinary envelope and status.
/// </summary>
internal sealed class RestEventWriter<TResponse>(HttpContext http, ApiCallFeature feature, TimeProvider time) : IServerStreamWriter<TResponse>
    where TResponse : class
{
    public const string ContentType = "application/x-ndjson; charset=utf-8";

    public WriteOptions? WriteOptions { get; set; }

    public async Task WriteAsync(TResponse message)
    {
        if (!feature.EventsStarted)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = ContentType;
            http.Response.ContentLength = null;
            feature.StartEvents();
        }

        var (_, data) = RestContract.ToSuccess((IMessage)message);
        await RestContract.WriteLineAsync(http, feature.EventBody!, new RestContract.SuccessEnvelope(true, data, RestContract.Meta(http, time.GetUtcNow())));
    }
}
