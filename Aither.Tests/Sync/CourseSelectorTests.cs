using Aither.Service.Hemera;
using Aither.Service.Sync;

namespace Aither.Tests.Sync;

public sealed class CourseSelectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SelectNext_PastAndFutureCourses_ReturnsEarliestFuture()
    {
        var selected = CourseSelector.SelectNext(
            [Summary("past", Now.AddDays(-1)), Summary("later", Now.AddDays(5)), Summary("next", Now.AddDays(2))], Now);

        Assert.Equal("next", selected?.Id);
    }

    [Fact]
    public void SelectNext_CourseStartingExactlyNow_IsNotUpcoming()
    {
        var selected = CourseSelector.SelectNext([Summary("now", Now), Summary("soon", Now.AddTicks(1))], Now);

        Assert.Equal("soon", selected?.Id);
    }

    [Fact]
    public void SelectNext_NullStartDate_NeverQualifies()
    {
        Assert.Null(CourseSelector.SelectNext([Summary("undated", null)], Now));
        Assert.Equal("dated", CourseSelector.SelectNext([Summary("undated", null), Summary("dated", Now.AddYears(1))], Now)?.Id);
    }

    [Fact]
    public void SelectNext_EqualStarts_TieBrokenByOrdinalId()
    {
        var start = Now.AddDays(1);

        // Ordinal: 'B' (0x42) sorts before 'a' (0x61); a culture-aware comparison would pick "a".
        var selected = CourseSelector.SelectNext([Summary("a", start), Summary("B", start), Summary("c", start)], Now);

        Assert.Equal("B", selected?.Id);
    }

    [Fact]
    public void SelectNext_DifferentOffsets_ComparedAsInstants()
    {
        // 13:00+02:00 is 11:00Z: already past although its wall clock reads later than now.
        var pastInLocalTime = Summary("past", new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.FromHours(2)));
        // 08:30-05:00 is 13:30Z, earlier than 14:00Z.
        var earlier = Summary("earlier", new DateTimeOffset(2026, 11, 30, 8, 30, 0, TimeSpan.FromHours(-5)));
        var later = Summary("later", new DateTimeOffset(2026, 11, 30, 14, 0, 0, TimeSpan.Zero));

        var selected = CourseSelector.SelectNext([later, pastInLocalTime, earlier], Now);

        Assert.Equal("earlier", selected?.Id);
    }

    [Fact]
    public void SelectNext_SameInstantDifferentOffsets_TieBrokenById()
    {
        var selected = CourseSelector.SelectNext(
            [
                Summary("z", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1))),
                Summary("m", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
            ],
            Now);

        Assert.Equal("m", selected?.Id);
    }

    [Fact]
    public void SelectNext_OnlyPastCourses_ReturnsNull()
    {
        Assert.Null(CourseSelector.SelectNext([Summary("past", Now.AddMinutes(-1))], Now));
        Assert.Null(CourseSelector.SelectNext([], Now));
    }

    private static CourseSummary Summary(string id, DateTimeOffset? start) =>
        new(id, "Titel", "slug", CourseLevel.Beginner, start, start?.AddDays(1), 0);
}
