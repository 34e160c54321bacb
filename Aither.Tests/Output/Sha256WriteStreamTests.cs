using System.Security.Cryptography;
using System.Text;
using Aither.Service.Output;

namespace Aither.Tests.Output;

public sealed class Sha256WriteStreamTests
{
    [Fact]
    public async Task Write_EveryWayOfWriting_PassesTheBytesOnAndHashesThemInOrder()
    {
        var expected = new MemoryStream();
        using var destination = new MemoryStream();
        await using (var hashing = new Sha256WriteStream(destination))
        {
            hashing.Write(Encoding.UTF8.GetBytes("<!DOCTYPE html>"));
            hashing.Write(Encoding.UTF8.GetBytes("xx<p>Zuhören</p>xx"), 2, 15);
            hashing.WriteByte((byte)'\n');
            await hashing.WriteAsync(Encoding.UTF8.GetBytes("„Ende“"));
            await using (var writer = new StreamWriter(hashing, new UTF8Encoding(false), bufferSize: 16, leaveOpen: true))
            {
                await writer.WriteAsync(new string('a', 100));
            }

            expected.Write(Encoding.UTF8.GetBytes("<!DOCTYPE html><p>Zuhören</p>\n„Ende“" + new string('a', 100)));

            Assert.Equal(expected.ToArray(), destination.ToArray());
            Assert.Equal(expected.Length, hashing.BytesWritten);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected.ToArray())), hashing.Sha256);
        }

        // Left open: the file's writer still flushes it to disk afterwards.
        Assert.True(destination.CanWrite);
    }

    [Fact]
    public void Sha256_NothingWritten_IsTheHashOfNoBytes()
    {
        using var hashing = new Sha256WriteStream(Stream.Null);

        Assert.Equal(0, hashing.BytesWritten);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty)), hashing.Sha256);
    }
}
