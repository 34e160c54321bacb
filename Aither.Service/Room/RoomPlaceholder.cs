namespace Aither.Service.Room;

/// <summary>The German pages shown while there is no course page to show. They refresh themselves like the course page.</summary>
public enum RoomPlaceholder
{
    /// <summary>No successful sync has produced a page yet.</summary>
    NotSynchronized,

    /// <summary>The last successful sync found no upcoming course.</summary>
    NoUpcomingCourse,
}
