namespace Aither.Service.Hemera;

/// <summary>
/// Hears about every course detail the catalogue returns, before the caller sees it (the personal-data registry
/// learns participant names this way). Must be quick and must not throw.
/// </summary>
public interface IHemeraCatalogObserver
{
    void CourseDetailLoaded(CourseDetail detail);
}
