using System.Text.RegularExpressions;
using Aither.Service.Hemera;
using Aither.Service.Monitoring;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Aither.Tests.Hemera;

public sealed partial class SampleHemeraCatalogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 21, 45, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly HemeraClientHost _host;

    public SampleHemeraCatalogTests(ITestOutputHelper output) =>
        _host = HemeraClientHost.Create(baseUrl: null, environment: "Development", time: _time, output: output);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void Registration_DevelopmentWithoutUrl_IsTheSampleCatalogue()
    {
        Assert.IsType<SampleHemeraCatalog>(Assert.IsType<ObservedHemeraCatalog>(_host.Catalog).Source);
    }

    [Fact]
    public async Task Registration_DevelopmentWithUrl_IsTheHttpClient()
    {
        await using var host = HemeraClientHost.Create("http://127.0.0.1:9", environment: "Development");

        Assert.IsType<HemeraClient>(Assert.IsType<ObservedHemeraCatalog>(host.Catalog).Source);
    }

    [Fact]
    public async Task Startup_SampleCatalogue_SaysSo()
    {
        await _host.StartHostedServicesAsync();

        Assert.Contains(_host.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("using the built-in sample catalogue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCourses_EveryCall_LogsTheSampleCatalogue()
    {
        await _host.Catalog.GetCoursesAsync(CancellationToken.None);
        await _host.Catalog.GetCoursesAsync(CancellationToken.None);

        Assert.Equal(2, _host.Logs.Lines.Count(l => l.StartsWith("Information", StringComparison.Ordinal)
            && l.Contains("using the built-in sample catalogue", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetCourses_PinnedClock_HasPastCoursesAndOneUpcomingCourseAWeekAhead()
    {
        var courses = await _host.Catalog.GetCoursesAsync(CancellationToken.None);

        Assert.True(courses.Count >= 3);
        var upcoming = Assert.Single(courses, c => c.StartDate > Now);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), upcoming.StartDate);
        Assert.True(upcoming.EndDate > upcoming.StartDate);
        Assert.Equal(4, upcoming.ParticipantCount);
        Assert.True(courses.Count(c => c.EndDate < Now) >= 2);
        Assert.Equal(courses.OrderBy(c => c.StartDate).Select(c => c.Id), courses.Select(c => c.Id));
        Assert.All(courses, c =>
        {
            Assert.True(HemeraIds.IsCuid(c.Id), c.Id);
            Assert.Matches(SlugPattern(), c.Slug);
        });
    }

    [Fact]
    public async Task GetCourses_ClockMoves_UpcomingCourseMovesAlong()
    {
        _time.Advance(TimeSpan.FromDays(30));

        var courses = await _host.Catalog.GetCoursesAsync(CancellationToken.None);

        var upcoming = Assert.Single(courses, c => c.StartDate > _time.GetUtcNow());
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 8, 0, 0, TimeSpan.Zero), upcoming.StartDate);
    }

    [Fact]
    public async Task GetCourseDetail_UpcomingCourse_HasFourParticipantsOneWithoutPreparation()
    {
        var courses = await _host.Catalog.GetCoursesAsync(CancellationToken.None);
        var upcoming = Assert.Single(courses, c => c.StartDate > Now);

        var detail = await _host.Catalog.GetCourseDetailAsync(upcoming.Id, CancellationToken.None);

        Assert.Equal(upcoming.Id, detail.Id);
        Assert.Equal(upcoming.StartDate, detail.StartDate);
        Assert.Equal(4, detail.Participants.Count);
        var unprepared = Assert.Single(detail.Participants, p => p.PreparationCompletedAt is null);
        Assert.Null(unprepared.PreparationIntent);
        Assert.Null(unprepared.DesiredResults);
        Assert.Null(unprepared.LineManagerProfile);
        Assert.All(detail.Participants.Where(p => p != unprepared), p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.PreparationIntent));
            Assert.False(string.IsNullOrWhiteSpace(p.DesiredResults));
            Assert.False(string.IsNullOrWhiteSpace(p.LineManagerProfile));
            Assert.True(p.PreparationCompletedAt < Now);
            Assert.True(HemeraIds.IsCuid(p.ParticipationId!), p.ParticipationId);
        });
        Assert.All(detail.Participants, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Name));
            Assert.True(HemeraIds.IsCuid(p.BookingId!), p.BookingId);
        });
        Assert.Equal(4, detail.Participants.Select(p => p.UserId).Distinct().Count());
        // German sample texts.
        Assert.Contains(detail.Participants, p => p.PreparationIntent?.Contains("Ich ", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task GetCourseDetail_EveryListedCourse_MatchesItsSummary()
    {
        foreach (var course in await _host.Catalog.GetCoursesAsync(CancellationToken.None))
        {
            var detail = await _host.Catalog.GetCourseDetailAsync(course.Id, CancellationToken.None);

            Assert.Equal((course.Id, course.Title, course.Slug, course.Level, course.StartDate, course.EndDate),
                (detail.Id, detail.Title, detail.Slug, detail.Level, detail.StartDate, detail.EndDate));
            Assert.Equal(course.ParticipantCount, detail.Participants.Count);
        }
    }

    [Fact]
    public async Task GetCourseDetail_UnknownCourse_FailsForTheDetailEntity()
    {
        var ex = await Assert.ThrowsAsync<SyncFailedException>(() => _host.Catalog.GetCourseDetailAsync(HemeraIds.Cuid(1), CancellationToken.None));

        Assert.Equal("hemera.course-detail", ex.Entity);
    }

    [Fact]
    public async Task IsReachable_SampleCatalogue_ReturnsTrue()
    {
        Assert.True(await _host.Catalog.IsReachableAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Service_TestingEnvironment_ResolvesTheHttpClientAgainstTheStandIn()
    {
        await using var hemera = await HemeraStandIn.StartAsync();
        hemera.SetCourses(HemeraJson.CoursesOf(HemeraJson.Fixture("courses.json")));
        await using var factory = new AitherFactory();
        factory.Settings["HEMERA_API_BASE_URL"] = hemera.BaseUrl;

        var catalog = factory.Services.GetRequiredService<IHemeraCatalog>();
        var courses = await catalog.GetCoursesAsync(CancellationToken.None).Guarded();

        // Callers get the source through the observed catalogue, so the personal-data registry learns what to scrub.
        Assert.IsType<HemeraClient>(Assert.IsType<ObservedHemeraCatalog>(catalog).Source);
        Assert.Equal(4, courses.Count);
        Assert.Contains(factory.Logs.Lines, l => l.Contains($"Hemera: {hemera.BaseUrl} (attempt timeout", StringComparison.Ordinal));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
