namespace Aither.Service.Api.OpenApi;

/// <summary>
/// How the REST face answers one transcoded RPC: the successful answers (status and <c>data</c>) and the error
/// codes of its own, beyond those every route shares.
/// </summary>
internal sealed record RestOperation(IReadOnlyList<RestResponse> Responses, IReadOnlyList<string> ErrorCodes);
