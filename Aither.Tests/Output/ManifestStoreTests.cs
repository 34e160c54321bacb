using Aither.Service.Output;
using Aither.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aither.Tests.Output;

public sealed class ManifestStoreTests : IDisposable
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly TempDirectory _dir = new();
    private readonly ManifestStore _store;

    public ManifestStoreTests()
    {
        _store = new ManifestStore(new OutputDirectory(Options.Create(new OutputOptions { Directory = _dir.Path })), new AtomicFileWriter());
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_NoManifest_ReturnsAbsentNotCorrupted()
    {
        var result = _store.Read();

        Assert.Null(result.Manifest);
        Assert.False(result.IsCorrupted);
    }

    [Fact]
    public void Read_AfterStageAndPublish_ReturnsSameManifest()
    {
        var manifest = new SyncManifest("course-1", "courses/kurs-a.html", Hash, new DateTimeOffset(2026, 11, 30, 11, 15, 0, TimeSpan.FromHours(1)), "sync-1");

        using (var staged = _store.Stage(manifest))
        {
            staged.Publish();
        }

        var result = _store.Read();
        Assert.False(result.IsCorrupted);
        Assert.Equal(manifest, result.Manifest);
        Assert.Contains("\"formatVersion\": 1", File.ReadAllText(_store.Path), StringComparison.Ordinal);
        Assert.Contains("\"generatedAt\": \"2026-11-30T10:15:00+00:00\"", File.ReadAllText(_store.Path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not valid manifest JSON")]
    [InlineData("null", "not a JSON object")]
    [InlineData("""{"formatVersion":2}""", "formatVersion 2 is not supported")]
    [InlineData("""{"courseId":"c"}""", "no formatVersion")]
    [InlineData($$"""{"formatVersion":1,"page":"courses/a.html","contentHash":"{{Hash}}","generatedAt":"2026-11-30T10:00:00Z","jobId":"j"}""", "courseId")]
    [InlineData($$"""{"formatVersion":1,"courseId":"c","page":"../a.html","contentHash":"{{Hash}}","generatedAt":"2026-11-30T10:00:00Z","jobId":"j"}""", "page")]
    [InlineData("""{"formatVersion":1,"courseId":"c","page":"courses/a.html","contentHash":"XYZ","generatedAt":"2026-11-30T10:00:00Z","jobId":"j"}""", "contentHash")]
    [InlineData($$"""{"formatVersion":1,"courseId":"c","page":"courses/a.html","contentHash":"{{Hash}}","jobId":"j"}""", "generatedAt")]
    [InlineData($$"""{"formatVersion":1,"courseId":"c","page":"courses/a.html","contentHash":"{{Hash}}","generatedAt":"2026-11-30T10:00:00Z"}""", "jobId")]
    public void Read_BadManifest_CorruptedWithReason(string content, string reasonPart)
    {
        File.WriteAllText(_store.Path, content);

        var result = _store.Read();

        Assert.True(result.IsCorrupted);
        Assert.Null(result.Manifest);
        Assert.Contains(reasonPart, result.CorruptionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManifestIsDirectory_Corrupted()
    {
        Directory.CreateDirectory(_store.Path);

        Assert.True(_store.Read().IsCorrupted);
    }
}
