using Microsoft.Net.Http.Headers;

namespace Aither.Service.Room;

/// <summary>What <c>/room</c> answers: the bytes as served (page plus refresh script), their strong ETag and the CSP that admits exactly their inline style and script.</summary>
public sealed record RoomPage(byte[] Body, EntityTagHeaderValue ETag, string ContentSecurityPolicy);
