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

    /// <summary>
    /// Every listed course, all pages, telling <paramref name="pagesFetched"/> the number of pages fetched so far after
    /// each page. A catalogue that does not page reports one page when it has its list.
    /// </summary>
    async Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(IProgress<int>? pagesFetched, CancellationToken cancellationToken)
    {
        var courses = await GetCoursesAsync(cancellationToken).ConfigureAwait(false);
        pagesFetched?.Report(1);
        return courses;
    }

    /// <summary>One course with its participants, by Hemera's course id.</summary>
    Task<CourseDetail> GetCourseDetailAsync(string courseId, CancellationToken cancellationToken);

    /// <summary>For readiness: true when the catalogue answers within the caller's deadline.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}
