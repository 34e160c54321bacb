namespace Aither.Service.Room;

/// <summary>Who may look at the room page and how often it checks for a new version. Bound from the environment variables named on each property.</summary>
public sealed class RoomOptions
{
    /// <summary>Viewer tokens, comma-separated for rotation. Without one the room page is off (404).</summary>
    [ConfigurationKeyName("ROOM_VIEWER_TOKENS")]
    public string? ViewerTokens { get; set; }

    /// <summary>How often the served page asks whether a newer version exists.</summary>
    [ConfigurationKeyName("ROOM_REFRESH_SECONDS")]
    public int RefreshSeconds { get; set; } = 30;

    public IReadOnlyList<string> ViewerTokenList =>
        (ViewerTokens ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Enabled => ViewerTokenList.Count > 0;

    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(RefreshSeconds);
}
