using Aither.Service.Output;
using Aither.Service.Sync;

namespace Aither.Tests.Output;

public sealed class PageFileNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("kurs-2026")]
    [InlineData("fuehrung-und-kommunikation-42")]
    public void IsSafeName_LowercaseWordsJoinedByHyphens_Accepted(string name) => Assert.True(PageFileNames.IsSafeName(name));

    [Fact]
    public void IsSafeName_HundredCharacters_AcceptedButNotMore()
    {
        Assert.True(PageFileNames.IsSafeName(new string('a', 100)));
        Assert.False(PageFileNames.IsSafeName(new string('a', 101)));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("kurs-ä")]
    [InlineData("kurs-\u0430")] // Cyrillic a
    [InlineData("Kurs")]
    [InlineData("a--b")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a b")]
    [InlineData("kurs\n")]
    [InlineData("kurs.html")]
    [InlineData("..")]
    public void IsSafeName_AnythingElse_Rejected(string? name) => Assert.False(PageFileNames.IsSafeName(name));

    [Fact]
    public void ForCourse_SafeSlug_UsesSlug() => Assert.Equal("kurs-a.html", PageFileNames.ForCourse("kurs-a", "course-1"));

    [Fact]
    public void ForCourse_UnsafeSlug_FallsBackToId() => Assert.Equal("course-1.html", PageFileNames.ForCourse("../x", "course-1"));

    [Fact]
    public void ForCourse_BothUnsafe_FailsWithOutputEntity()
    {
        var failure = Assert.Throws<SyncFailedException>(() => PageFileNames.ForCourse("../x", "Course 1"));

        Assert.Equal("output", failure.Entity);
    }

    [Theory]
    [InlineData("courses/kurs-a.html", true)]
    [InlineData("courses/../victim.html", false)]
    [InlineData("courses/.html", false)]
    [InlineData("kurs-a.html", false)]
    [InlineData("/courses/kurs-a.html", false)]
    [InlineData("courses/kurs-a.htm", false)]
    [InlineData("courses/sub/kurs-a.html", false)]
    public void IsSafeRelativePath_OnlyCoursesSafeNameHtml(string path, bool expected) =>
        Assert.Equal(expected, PageFileNames.IsSafeRelativePath(path));
}
