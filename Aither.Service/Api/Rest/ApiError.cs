using System.Text.Json;
using Google.Rpc;
using Grpc.Core;

namespace Aither.Service.Api.Rest;

/// <summary>An error as the REST contract shows it: HTTP status, stable code, a message for humans.</summary>
internal sealed record ApiError(int StatusCode, string Code, string Message)
{
    public static readonly ApiError Internal = new(StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "An unexpected error occurred");

    public static readonly ApiError PayloadTooLarge = new(
        StatusCodes.Status413PayloadTooLarge,
        "PAYLOAD_TOO_LARGE",
        $"The request body is larger than {RequestBodyLimitMiddleware.MaxBodyBytes / 1024} KiB");

    /// <summary>
    /// Through <see cref="RpcHttpStatus"/>; the code is the ErrorInfo reason when there is one.
    /// Messages of unexpected failures are never passed on: they may carry internals.
    /// </summary>
    public static ApiError FromRpc(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (statusCode, defaultCode) = RpcHttpStatus.For(exception.StatusCode);
        if (statusCode == StatusCodes.Status500InternalServerError)
        {
            return Internal;
        }

        var reason = exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
        return new ApiError(statusCode, string.IsNullOrEmpty(reason) ? defaultCode : reason, exception.Status.Detail);
    }

    /// <summary>For responses that no RPC produced: the auth layer, routing, request binding.</summary>
    public static ApiError FromStatusCode(int statusCode, ReadOnlySpan<byte> body) => statusCode switch
    {
        400 => new(400, RpcHttpStatus.CodeFor(400)!, TranscodingMessage(body) ?? "The request is invalid"),
        401 => new(401, ApiErrors.UnauthenticatedReason, ApiErrors.UnauthenticatedMessage),
        403 => new(403, ApiErrors.ForbiddenReason, ApiErrors.ForbiddenMessage),
        404 => new(404, RpcHttpStatus.CodeFor(404)!, "No API endpoint at this path"),
        405 => new(405, "METHOD_NOT_ALLOWED", "This endpoint does not accept this HTTP method"),
        413 => PayloadTooLarge,
        415 => new(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported content type"),
        >= 500 => Internal,
        _ => new(statusCode, "REQUEST_FAILED", "The request failed"),
    };

    /// <summary>Request-binding errors of JSON transcoding arrive as google.rpc.Status JSON; keep their message.</summary>
    private static string? TranscodingMessage(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
