using Aither.Service.Hemera;

namespace Aither.Benchmarks;

/// <summary>Serves prepared records without I/O, so the benchmark measures selection, hashing, rendering and writing.</summary>
public sealed class BenchmarkCatalog(CourseDetail course) : IHemeraCatalog
{
    private readonly IReadOnlyList<CourseSummary> _courses =
    [
        new(course.Id, course.Title, course.Slug, course.Level, course.StartDate, course.EndDate, course.Participants.Count),
    ];

    public Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(CancellationToken cancellationToken) => Task.FromResult(_courses);

    public Task<CourseDetail> GetCourseDetailAsync(string courseId, CancellationToken cancellationToken) => Task.FromResult(course);

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
