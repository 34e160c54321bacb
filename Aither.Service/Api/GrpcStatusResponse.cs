using System.Globalization;
using System.Text;
using Grpc.Core;

namespace Aither.Service.Api;

/// <summary>
/// Answers a native gRPC call that never reached the service (refused by the auth layer) the way grpc-dotnet
/// answers one that failed inside it: a trailers-only response with <c>grpc-status</c>, <c>grpc-message</c> and
/// the google.rpc.Status in <c>grpc-status-details-bin</c>. A bare HTTP 401 would leave clients to guess the
/// status from the HTTP code, without message or ErrorInfo.
/// </summary>
internal static class GrpcStatusResponse
{
    /// <summary>True for a call to a native gRPC method (never a transcoded REST call under <c>/api</c>).</summary>
    public static bool IsNativeGrpcCall(HttpContext context) =>
        !Rest.ApiEnvelopeMiddleware.IsRestApiRequest(context.Request)
        && context.Request.ContentType is { } contentType
        && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    public static Task WriteAsync(HttpContext context, RpcException error)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)error.StatusCode).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(error.Status.Detail);
        if (error.Trailers.GetValueBytes("grpc-status-details-bin") is { } details)
        {
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(details);
        }

        return response.CompleteAsync();
    }

    /// <summary>The gRPC spec's encoding of grpc-message: printable ASCII except '%' as is, everything else as %XX of its UTF-8 bytes.</summary>
    private static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
