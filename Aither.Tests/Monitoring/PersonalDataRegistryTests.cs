using Aither.Service.Hemera;
using Aither.Service.Monitoring;

namespace Aither.Tests.Monitoring;

public sealed class PersonalDataRegistryTests
{
    [Fact]
    public void Snapshot_RightAfterALargeCourseLoaded_HoldsItsLastParticipantsValues()
    {
        // Large enough that remembering it (on a pool thread) is still running when the snapshot is asked for.
        var participants = Enumerable.Range(0, 5_000)
            .Select(i => new Participant(null, $"p{i}", $"u{i}", $"Teilnehmerin Nummer{i:D5}", "confirmed", $"Vorhaben {i:D5}", null, null, null))
            .ToArray();
        var registry = new PersonalDataRegistry();

        registry.CourseDetailLoaded(new CourseDetail("c1", "Kurs", "kurs", CourseLevel.Beginner, null, null, participants));
        var snapshot = registry.Snapshot();

        Assert.Contains("Teilnehmerin Nummer04999", snapshot);
        Assert.Contains("Nummer04999", snapshot);
        Assert.Contains("Vorhaben 04999", snapshot);
    }

    [Fact]
    public void Snapshot_CoursesLoadedOneAfterTheOther_ForgetsTheOldestFirst()
    {
        var registry = new PersonalDataRegistry();
        registry.CourseDetailLoaded(Course("alt", PersonalDataRegistry.Capacity));
        registry.CourseDetailLoaded(Course("neu", 1));

        var snapshot = registry.Snapshot();

        Assert.Equal(PersonalDataRegistry.Capacity, snapshot.Count);
        Assert.Contains("neu 00000", snapshot);
        Assert.DoesNotContain("alt 00000", snapshot);
        Assert.Contains($"alt {PersonalDataRegistry.Capacity - 1:D5}", snapshot);
    }

    private static CourseDetail Course(string prefix, int count) => new(
        prefix, "Kurs", prefix, CourseLevel.Beginner, null, null,
        [.. Enumerable.Range(0, count).Select(i => new Participant(null, $"p{i}", $"u{i}", null, "confirmed", $"{prefix} {i:D5}", null, null, null))]);
}
