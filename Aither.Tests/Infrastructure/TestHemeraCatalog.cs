using Aither.Service.Hemera;

namespace Aither.Tests.Infrastructure;

/// <summary>A hand-written catalogue: fixed courses, and a reachability the test switches (up, down, hanging).</summary>
public sealed class TestHemeraCatalog : IHemeraCatalog
{
    private volatile bool _reachable = true;
    private volatile bool _hang;

    public List<CourseDetail> Courses { get; } = [];

    private readonly TaskCompletionSource _reachabilityCalled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ReachabilityChecks;

    /// <summary>Completes when IsReachableAsync was first called.</summary>
    public Task ReachabilityCalled => _reachabilityCalled.Task;

    public bool Reachable
    {
        get => _reachable;
        set => _reachable = value;
    }

    /// <summary>IsReachableAsync waits until it is cancelled, like a host that never answers.</summary>
    public bool Hang
    {
        get => _hang;
        set => _hang = value;
    }

    public Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CourseSummary>>(Courses
            .Select(c => new CourseSummary(c.Id, c.Title, c.Slug, c.Level, c.StartDate, c.EndDate, c.Participants.Count))
            .ToArray());

    public Task<CourseDetail> GetCourseDetailAsync(string courseId, CancellationToken cancellationToken) =>
        Task.FromResult(Courses.Single(c => c.Id == courseId));

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref ReachabilityChecks);
        _reachabilityCalled.TrySetResult();
        if (_hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return _reachable;
    }
}
