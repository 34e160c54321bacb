namespace Aither.Service.Hemera;

/// <summary>
/// Where courses come from: the Hemera service API, or the built-in sample catalogue in Development.
/// Failures are thrown as <see cref="Sync.SyncFailedException"/> with entity <c>hemera.courses</c> or
/// <c>hemera.course-detail</c> and a message naming the JSON path or the HTTP status, never the API key
/// or participant text.
/// </summary>
public interface IHemeraCatalog
{
    /// <summary>Every listed course, all pages, in Hemera's order.</summary>
    Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(CancellationToken cancellationToken);

    /// <summary>One course with its participants, by Hemera's course id.</summary>
    Task<CourseDetail> GetCourseDetailAsync(string courseId, CancellationToken cancellationToken);

    /// <summary>For readiness: true when the catalogue answers within the caller's deadline.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
