using Aither.Service.Auth;
using Microsoft.Extensions.Options;

namespace Aither.Service.Room;

/// <summary>The viewer tokens from <c>ROOM_VIEWER_TOKENS</c>, hashed once.</summary>
internal sealed class RoomViewerCredentials(IOptions<RoomOptions> options)
{
    public TokenSet Tokens { get; } = new(options.Value.ViewerTokenList);
}
