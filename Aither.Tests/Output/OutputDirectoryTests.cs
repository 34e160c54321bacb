using Aither.Service.Output;
using Aither.Service.Sync;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Output;

public sealed class OutputDirectoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly OutputDirectory _output;

    public OutputDirectoryTests()
    {
        _output = new OutputDirectory(Options.Create(new OutputOptions { Directory = _dir.Combine("out") }));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void PreparePagesFolder_Missing_CreatesOutputAndCourses()
    {
        _output.PreparePagesFolder();

        Assert.True(Directory.Exists(_dir.Combine("out", "courses")));
    }

    [Fact]
    public void PreparePagesFolder_CoursesIsSymlink_FailsWithOutputEntity()
    {
        Directory.CreateDirectory(_dir.Combine("out"));
        Directory.CreateDirectory(_dir.Combine("elsewhere"));
        Directory.CreateSymbolicLink(_dir.Combine("out", "courses"), _dir.Combine("elsewhere"));

        var failure = Assert.Throws<SyncFailedException>(_output.PreparePagesFolder);

        Assert.Equal("output", failure.Entity);
    }

    [Fact]
    public void EnsureNotLink_DanglingSymlink_Fails()
    {
        Directory.CreateDirectory(_dir.Combine("out"));
        File.CreateSymbolicLink(_dir.Combine("out", "x.html"), _dir.Combine("does-not-exist"));

        Assert.Throws<SyncFailedException>(() => _output.EnsureNotLink(_dir.Combine("out", "x.html"), "x.html"));
    }

    [Fact]
    public void PagePath_SafeRelativePath_ResolvesInsideCourses()
    {
        Assert.Equal(_dir.Combine("out", "courses", "kurs-a.html"), _output.PagePath("courses/kurs-a.html"));
    }

    [Theory]
    [InlineData("courses/../../victim.html")]
    [InlineData("../victim.html")]
    [InlineData("courses/Kurs.html")]
    public void PagePath_UnsafeRelativePath_FailsWithOutputEntity(string relativePath)
    {
        var failure = Assert.Throws<SyncFailedException>(() => _output.PagePath(relativePath));

        Assert.Equal("output", failure.Entity);
    }
}
