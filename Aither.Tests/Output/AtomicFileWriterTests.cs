using System.Text;
using Aither.Service.Output;
using Aither.Tests.Infrastructure;

namespace Aither.Tests.Output;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly AtomicFileWriter _writer = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Stage_ThenPublish_ReplacesTargetAndLeavesNoTempFile()
    {
        var target = _dir.Combine("page.html");
        File.WriteAllText(target, "old");

        using (var staged = _writer.Stage(target, Write("new")))
        {
            Assert.Equal("old", File.ReadAllText(target));
            Assert.Equal(_dir.Path, Path.GetDirectoryName(staged.TempPath));
            Assert.Equal("new", File.ReadAllText(staged.TempPath));
            staged.Publish();
        }

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(["page.html"], _dir.Files());
    }

    [Fact]
    public void Stage_FailureBetweenWriteAndRename_KeepsOldContentAndRemovesTemp()
    {
        var target = _dir.Combine("page.html");
        File.WriteAllText(target, "old");

        void StageThenFailBeforeRename()
        {
            using var staged = _writer.Stage(target, Write("new"));
            throw new InvalidOperationException("killed before the rename");
        }

        var failure = Assert.Throws<InvalidOperationException>(StageThenFailBeforeRename);

        Assert.Equal("killed before the rename", failure.Message);
        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal(["page.html"], _dir.Files());
    }

    [Fact]
    public void Stage_WriterThrows_RemovesTempAndRethrows()
    {
        var target = _dir.Combine("page.html");

        Assert.Throws<IOException>(() => _writer.Stage(target, stream =>
        {
            stream.Write("partial"u8);
            throw new IOException("disk full");
        }));

        Assert.Empty(_dir.Files());
    }

    [Fact]
    public void Stage_TargetMissing_PublishCreatesIt()
    {
        var target = _dir.Combine("new.html");

        using (var staged = _writer.Stage(target, Write("fresh")))
        {
            staged.Publish();
        }

        Assert.Equal("fresh", File.ReadAllText(target));
    }

    private static Action<Stream> Write(string text) => stream => stream.Write(Encoding.UTF8.GetBytes(text));
}
