namespace Aither.Service.Hemera;

/// <summary>A course's level as Hemera names it.</summary>
public enum CourseLevel
{
    Beginner,
    Intermediate,
    Advanced,
}
