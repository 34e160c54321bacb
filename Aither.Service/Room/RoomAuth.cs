namespace Aither.Service.Room;

/// <summary>Names of the room page's authentication scheme, policy and role.</summary>
public static class RoomAuth
{
    /// <summary>Viewer tokens as HTTP Basic password or Bearer token; admin credentials through the API's scheme.</summary>
    public const string Scheme = "RoomViewer";

    /// <summary>A viewer or an admin.</summary>
    public const string Policy = "AitherRoomViewer";

    public const string ViewerRole = "viewer";

    /// <summary>The challenge: browsers and kiosks answer it with a login prompt or stored credentials.</summary>
    public const string Challenge = "Basic realm=\"Aither\"";
}
