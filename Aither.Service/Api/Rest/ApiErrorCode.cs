namespace Aither.Service.Api.Rest;

/// <summary>
/// One stable <c>error.code</c> of the REST envelope, the HTTP status it comes with (null: whichever 4xx the
/// pipeline gave) and when it is sent.
/// </summary>
internal sealed record ApiErrorCode(string Code, int? StatusCode, string Meaning);
