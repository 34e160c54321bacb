using Aither.Service.Hemera;
using Aither.Service.Sync;

namespace Aither.Tests.Infrastructure;

/// <summary>A Hemera catalogue held in memory; the course list is derived from the stored details.</summary>
public sealed class InMemoryHemeraCatalog : IHemeraCatalog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CourseDetail> _courses = new(StringComparer.Ordinal);

    /// <summary>When set, <see cref="GetCoursesAsync"/> throws it.</summary>
    public Exception? CoursesFailure { get; set; }

    public int DetailRequests { get; private set; }

    public InMemoryHemeraCatalog Put(CourseDetail course)
    {
        lock (_lock)
        {
            _courses[course.Id] = course;
        }

        return this;
    }

    /// <summary>Replaces a stored course with a changed copy.</summary>
    public InMemoryHemeraCatalog Change(string courseId, Func<CourseDetail, CourseDetail> change)
    {
        lock (_lock)
        {
            _courses[courseId] = change(_courses[courseId]);
        }

        return this;
    }

    public Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (CoursesFailure is { } failure)
            {
                throw failure;
            }

            IReadOnlyList<CourseSummary> list = _courses.Values
                .Select(c => new CourseSummary(c.Id, c.Title, c.Slug, c.Level, c.StartDate, c.EndDate, c.Participants.Count))
                .ToArray();
            return Task.FromResult(list);
        }
    }

    public Task<CourseDetail> GetCourseDetailAsync(string courseId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            DetailRequests++;
            return _courses.TryGetValue(courseId, out var course)
                ? Task.FromResult(course)
                : throw new SyncFailedException("hemera.course-detail", "Hemera answered 404 for the course detail");
        }
    }

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(true);
}
