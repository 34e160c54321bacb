using Aither.Service.Hemera;

namespace Aither.Service.Rendering;

/// <summary>
/// A course with its participants in page order. Sorting compares German names through the culture for every step,
/// so a sync sorts once and hands the result to both the content hash and the page.
/// </summary>
public sealed class OrderedCourse(CourseDetail course)
{
    public CourseDetail Course { get; } = course ?? throw new ArgumentNullException(nameof(course));

    /// <summary>The course's participants in <see cref="ParticipantOrder"/>; a copy, so later changes to the course's list do not show.</summary>
    public IReadOnlyList<Participant> Participants { get; } = ParticipantOrder.Sort(course.Participants);
}
