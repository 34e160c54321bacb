using Aither.Service.Output;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Output;

public sealed class StaleTempFilesTests : IDisposable
{
    private const string Hex = "0123456789abcdef";

    private readonly TempDirectory _dir = new();
    private readonly TestLoggerProvider _logs = new();
    private readonly StaleTempFiles _stale;

    public StaleTempFilesTests()
    {
        Directory.CreateDirectory(_dir.Combine("output", "courses"));
        var output = new OutputDirectory(Options.Create(new OutputOptions { Directory = _dir.Combine("output") }));
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(_logs));
        _stale = new StaleTempFiles(output, loggerFactory.CreateLogger<StaleTempFiles>());
    }

    public void Dispose() => _dir.Dispose();

    private string Touch(params string[] parts)
    {
        var path = _dir.Combine(["output", .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return path;
    }

    [Fact]
    public void TempFileName_IsRecognisedWithItsTarget()
    {
        var name = AtomicFileWriter.TempFileName("kurs-a.html");

        Assert.True(AtomicFileWriter.IsTempFileName(name, out var target));
        Assert.Equal("kurs-a.html", target);
        Assert.Matches("^\\.kurs-a\\.html\\.[0-9a-f]{16}\\.tmp$", name);
    }

    [Fact]
    public void Remove_OwnTempFilesOfPagesAndManifest_RemovesThemAndLogsTheCount()
    {
        Touch("courses", $".kurs-a.html.{Hex}.tmp");
        Touch("courses", $".kurs-b.html.fedcba9876543210.tmp");
        Touch($"..sync-manifest.json.{Hex}.tmp");
        Touch("courses", "kurs-a.html");
        Touch(".sync-manifest.json");

        var removed = _stale.Remove();

        Assert.Equal(3, removed);
        Assert.Equal(["output/.sync-manifest.json", "output/courses/kurs-a.html"], _dir.Files());
        var line = Assert.Single(_logs.Lines, l => l.Contains("output.temp-files-removed", StringComparison.Ordinal));
        Assert.Contains("count=3", line, StringComparison.Ordinal);
        Assert.DoesNotContain("kurs", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("courses/.kurs-a.html.tmp")]                       // no random part
    [InlineData("courses/.kurs-a.html.0123456789ABCDEF.tmp")]      // not our hex
    [InlineData("courses/.kurs-a.html.0123456789abcde.tmp")]       // 15 digits
    [InlineData("courses/.Kurs_A.html.0123456789abcdef.tmp")]      // not a page name we write
    [InlineData("courses/.kurs-a.txt.0123456789abcdef.tmp")]
    [InlineData("courses/kurs-a.html.0123456789abcdef.tmp")]       // no leading dot
    [InlineData("courses/notes.tmp")]
    [InlineData(".kurs-a.html.0123456789abcdef.tmp")]              // a page's temp file outside courses/
    [InlineData("courses/..sync-manifest.json.0123456789abcdef.tmp")]
    [InlineData(".other.json.0123456789abcdef.tmp")]
    [InlineData("courses/archive/.kurs-a.html.0123456789abcdef.tmp")] // not directly in the folder
    public void Remove_AnythingElse_IsLeftAlone(string relativePath)
    {
        Touch(relativePath.Split('/'));

        Assert.Equal(0, _stale.Remove());

        Assert.Contains("output/" + relativePath, _dir.Files());
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("output.temp-files-removed", StringComparison.Ordinal));
    }

    [Fact]
    public void Remove_TempFileAFileStillWrites_IsLeftUntilTheWriterClosesIt()
    {
        var path = _dir.Combine("output", "courses", $".kurs-a.html.{Hex}.tmp");
        using (var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            writer.WriteByte(1);

            Assert.Equal(0, _stale.Remove());
            Assert.True(File.Exists(path));
        }

        Assert.Equal(1, _stale.Remove());
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Remove_LinkWithTheTempPattern_IsNeitherRemovedNorFollowed()
    {
        var outside = _dir.Combine("elsewhere.txt");
        File.WriteAllText(outside, "keep me");
        var link = _dir.Combine("output", "courses", $".kurs-a.html.{Hex}.tmp");
        File.CreateSymbolicLink(link, outside);

        Assert.Equal(0, _stale.Remove());

        Assert.Equal("keep me", File.ReadAllText(outside));
        Assert.NotNull(new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Remove_OutputFolderMissing_RemovesNothing()
    {
        Directory.Delete(_dir.Combine("output"), recursive: true);

        Assert.Equal(0, _stale.Remove());
    }
}
