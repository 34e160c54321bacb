namespace Aither.Service.Api.Rest;

/// <summary>
/// Every <c>error.code</c> the REST face can send, for the OpenAPI document. A test feeds every gRPC status and
/// every HTTP error status through <see cref="ApiError"/> and fails when a code it yields is missing here.
/// </summary>
internal static class ApiErrorCatalog
{
    /// <summary>The code for any other 4xx answer the pipeline gives (no route of ours produces one today).</summary>
    public const string RequestFailed = "REQUEST_FAILED";

    public static IReadOnlyList<ApiErrorCode> Codes { get; } =
    [
        new(ApiErrors.InvalidArgumentReason, 400, "A query parameter or the request could not be read; the message names the field"),
        new(ApiErrors.InvalidPageTokenReason, 400, "The page token was not issued by this service, or its position was pruned; list again without pageToken"),
        new(ApiErrors.UnauthenticatedReason, 401, "No credentials, or credentials that are wrong or expired"),
        new(ApiErrors.ForbiddenReason, 403, "Valid credentials without the admin role (or the cron secret on an admin-only route)"),
        new("NOT_FOUND", 404, "No API endpoint at this path"),
        new(ApiErrors.NoSyncJobReason, 404, "The state store holds no sync yet"),
        new(ApiErrors.SyncJobNotFoundReason, 404, "No sync of this id is recorded: it never ran, or it was pruned from the history"),
        new("METHOD_NOT_ALLOWED", 405, "The path exists but not with this HTTP method"),
        new("CANCELLED", 408, "The call was cancelled before it finished"),
        new("CONFLICT", 409, "The request conflicts with the current state"),
        new(ApiErrors.SyncInProgressReason, 409, "Another sync is running; overlapping triggers are normal, do not retry"),
        new(ApiError.PayloadTooLarge.Code, 413, ApiError.PayloadTooLarge.Message),
        new("UNSUPPORTED_MEDIA_TYPE", 415, "The request body has a content type the route does not read"),
        new("RESOURCE_EXHAUSTED", 429, "A limit was reached; retry later"),
        new(ApiErrors.RateLimitedReason, 429, "Too many failed authentications from this address; the Retry-After header says when to retry"),
        new(ApiError.Internal.Code, 500, "An unexpected failure; it is reported, its details are never sent"),
        new("NOT_IMPLEMENTED", 501, "The server does not implement this call"),
        new("UNAVAILABLE", 503, "The service cannot answer now; retry later"),
        new(ApiErrors.StateUnavailableReason, 503, "The sync state store cannot be reached; retry later"),
        new(ApiErrors.ShuttingDownReason, 503, "The instance stopped while streaming a sync's events (the last line of the stream); watch again"),
        new("DEADLINE_EXCEEDED", 504, "The call ran out of time"),
        new(RequestFailed, null, "Any other refused request (4xx); the HTTP status says which"),
    ];

    public static ApiErrorCode Get(string code) =>
        Codes.FirstOrDefault(c => c.Code == code) ?? throw new ArgumentOutOfRangeException(nameof(code), code, "Not in the error catalog");
}
