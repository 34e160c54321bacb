namespace Aither.Service.Hemera;

/// <summary>
/// The <see cref="IHemeraCatalog"/> everyone resolves: the configured source (Hemera client or sample
/// catalogue), with every <see cref="IHemeraCatalogObserver"/> told about each course detail it returns.
/// </summary>
public sealed class ObservedHemeraCatalog(IHemeraCatalog source, IEnumerable<IHemeraCatalogObserver> observers) : IHemeraCatalog
{
    private readonly IHemeraCatalogObserver[] _observers = observers.ToArray();

    public IHemeraCatalog Source => source;

    public Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(CancellationToken cancellationToken) =>
        source.GetCoursesAsync(cancellationToken);

    public Task<IReadOnlyList<CourseSummary>> GetCoursesAsync(IProgress<int>? pagesFetched, CancellationToken cancellationToken) =>
        source.GetCoursesAsync(pagesFetched, cancellationToken);

    public async Task<CourseDetail> GetCourseDetailAsync(string courseId, CancellationToken cancellationToken)
    {
        var detail = await source.GetCourseDetailAsync(courseId, cancellationToken).ConfigureAwait(false);
        foreach (var observer in _observers)
        {
            observer.CourseDetailLoaded(detail);
        }

        return detail;
    }

    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => source.IsReachableAsync(cancellationToken);
}
