using Microsoft.Extensions.Options;

namespace Aither.Service.Room;

/// <summary>Says at start-up, in one line, whether the room page is served.</summary>
internal sealed partial class RoomConfigurationReporter(IOptions<RoomOptions> options, ILogger<RoomConfigurationReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var room = options.Value;
        if (room.Enabled)
        {
            Log.On(logger, RoomEndpoint.Path, room.ViewerTokenList.Count, room.RefreshSeconds);
        }
        else
        {
            Log.Off(logger, RoomEndpoint.Path);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 802, EventName = "RoomConfigurationReporter.Off", Level = LogLevel.Information,
            Message = "The room page {Path} is off (404) because ROOM_VIEWER_TOKENS is not set.")]
        public static partial void Off(ILogger logger, string path);

        [LoggerMessage(EventId = 803, EventName = "RoomConfigurationReporter.On", Level = LogLevel.Information,
            Message = "The room page is served at {Path} to {ViewerTokenCount} viewer token(s) and admins; it checks for a new version every {RefreshSeconds} s.")]
        public static partial void On(ILogger logger, string path, int viewerTokenCount, int refreshSeconds);
    }
}
