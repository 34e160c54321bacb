using Aither.Service.Hemera;
using Aither.Service.Rendering;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using static Aither.Tests.Infrastructure.TestCourses;

namespace Aither.Tests.Rendering;

public sealed class CoursePageHashTests
{
    private const string Template = "template-identity";

    private static CourseDetail Sample() => Course(participants:
    [
        Participant("Anna Berg", userId: "u1", completedAt: Now.AddDays(-1)),
        Participant("Bernd Kraus", userId: "u2", intent: null),
    ]);

    public static TheoryData<string, Func<CourseDetail, CourseDetail>> HashedFieldChanges => new()
    {
        { "course id", c => c with { Id = "course-2" } },
        { "title", c => c with { Title = c.Title + "!" } },
        { "slug", c => c with { Slug = "anderer-slug" } },
        { "level", c => c with { Level = CourseLevel.Advanced } },
        { "start date", c => c with { StartDate = c.StartDate!.Value.AddMinutes(1) } },
        { "end date", c => c with { EndDate = null } },
        { "participant name", c => c with { Participants = [c.Participants[0] with { Name = "Anna Bergmann" }, c.Participants[1]] } },
        { "participant status", c => c with { Participants = [c.Participants[0] with { Status = "CANCELLED" }, c.Participants[1]] } },
        { "preparation intent", c => c with { Participants = [c.Participants[0], c.Participants[1] with { PreparationIntent = "Neu" }] } },
        { "desired results", c => c with { Participants = [c.Participants[0] with { DesiredResults = "Anders" }, c.Participants[1]] } },
        { "line manager profile", c => c with { Participants = [c.Participants[0] with { LineManagerProfile = null }, c.Participants[1]] } },
        { "preparation completed at", c => c with { Participants = [c.Participants[0] with { PreparationCompletedAt = Now }, c.Participants[1]] } },
        { "participant added", c => c with { Participants = [.. c.Participants, Participant("Carla Neu", userId: "u3")] } },
        { "participant removed", c => c with { Participants = [c.Participants[0]] } },
    };

    [Fact]
    public void Compute_SameRecordsBuiltTwice_SameHash()
    {
        Assert.Equal(CoursePageHash.Compute(Template, Sample()), CoursePageHash.Compute(Template, Sample()));
        Assert.Matches("^[0-9a-f]{64}$", CoursePageHash.Compute(Template, Sample()));
    }

    /// <summary>
    /// Every manifest already written holds a hash in this form: a change here makes every instance rewrite its page
    /// once. The varied course also depends on the runtime's German collation data, through the participant order.
    /// </summary>
    [Fact]
    public void Compute_KnownCourses_PinnedHashes()
    {
        Assert.Equal("db295257f0c94be16009cf7d741bb5665632cf433323bea5f174ea11bf75516b", CoursePageHash.Compute(Template, Sample()));
        Assert.Equal("c53a7ae5deb5e228b0a87d148e532d6eac4c0fda29ed67faccafcf67d850cc28", CoursePageHash.Compute(Template, VariedCourses.Course(400)));
    }

    [Fact]
    public void Compute_ParticipantsInAnotherOrder_SameHash()
    {
        var sample = Sample();
        var reversed = sample with { Participants = sample.Participants.Reverse().ToArray() };

        Assert.Equal(CoursePageHash.Compute(Template, sample), CoursePageHash.Compute(Template, reversed));
    }

    [Fact]
    public void Compute_SameInstantsWithOtherOffsets_SameHash()
    {
        var sample = Sample();
        var shifted = sample with
        {
            StartDate = sample.StartDate!.Value.ToOffset(TimeSpan.FromHours(5)),
            EndDate = sample.EndDate!.Value.ToOffset(TimeSpan.FromHours(-3)),
            Participants = [sample.Participants[0] with { PreparationCompletedAt = sample.Participants[0].PreparationCompletedAt!.Value.ToOffset(TimeSpan.FromHours(1)) }, sample.Participants[1]],
        };

        Assert.Equal(CoursePageHash.Compute(Template, sample), CoursePageHash.Compute(Template, shifted));
    }

    [Fact]
    public void Compute_FieldsNotShownOrHashed_SameHash()
    {
        var sample = Sample();
        var otherBookings = sample with { Participants = sample.Participants.Select(p => p with { BookingId = "other-" + p.BookingId }).ToArray() };

        Assert.Equal(CoursePageHash.Compute(Template, sample), CoursePageHash.Compute(Template, otherBookings));
    }

    [Theory]
    [MemberData(nameof(HashedFieldChanges))]
    public void Compute_HashedFieldChanged_DifferentHash(string field, Func<CourseDetail, CourseDetail> change)
    {
        var before = CoursePageHash.Compute(Template, Sample());
        var after = CoursePageHash.Compute(Template, change(Sample()));

        Assert.True(before != after, $"Changing the {field} must change the hash.");
    }

    [Fact]
    public void Compute_TextMovedAcrossFieldBoundary_DifferentHash()
    {
        var sample = Sample();

        Assert.NotEqual(
            CoursePageHash.Compute(Template, sample with { Title = "ab", Slug = "c" }),
            CoursePageHash.Compute(Template, sample with { Title = "a", Slug = "bc" }));
    }

    [Fact]
    public void Compute_NullVersusEmptyText_DifferentHash()
    {
        var sample = Sample();

        Assert.NotEqual(
            CoursePageHash.Compute(Template, sample with { Participants = [sample.Participants[0] with { DesiredResults = null }] }),
            CoursePageHash.Compute(Template, sample with { Participants = [sample.Participants[0] with { DesiredResults = "" }] }));
    }

    [Fact]
    public void Compute_OtherTemplateIdentity_DifferentHash()
    {
        Assert.NotEqual(CoursePageHash.Compute(Template, Sample()), CoursePageHash.Compute(Template + "2", Sample()));
    }

    [Fact]
    public void ComputeContentHash_OtherDisplayTimeZone_DifferentHash()
    {
        var berlin = new CoursePageRenderer(Options.Create(new RenderingOptions()));
        var newYork = new CoursePageRenderer(Options.Create(new RenderingOptions { DisplayTimeZone = "America/New_York" }));

        Assert.NotEqual(berlin.ComputeContentHash(Sample()), newYork.ComputeContentHash(Sample()));
    }

    [Fact]
    public void ComputeContentHash_GenerationTimeDiffers_PagesDifferButHashIsEqual()
    {
        var renderer = new CoursePageRenderer(Options.Create(new RenderingOptions()));
        var sample = Sample();

        Assert.NotEqual(renderer.Render(sample, Now), renderer.Render(sample, Now.AddDays(1)));
        // The hash has no time input at all; computing it twice for the same course is the whole contract.
        Assert.Equal(renderer.ComputeContentHash(sample), renderer.ComputeContentHash(Sample()));
    }
}
