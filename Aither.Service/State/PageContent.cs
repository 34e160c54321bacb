using System.Security.Cryptography;

namespace Aither.Service.State;

/// <summary>
/// A page on its way into the store, read from a seekable source (the page file) so that neither the sync nor the
/// store holds it whole. Its length and SHA-256 are known before it is read, because the row takes the hash along
/// with the bytes. Reading checks them: a source that no longer holds exactly those bytes fails the write, and with
/// it the transaction, instead of storing a page under another page's hash. Owns its source.
/// </summary>
public sealed class PageContent : IDisposable
{
    private readonly Stream _source;

    private PageContent(Stream source, long length, string sha256)
    {
        _source = source;
        Length = length;
        Sha256 = sha256;
    }

    public long Length { get; }

    /// <summary>SHA-256 of the bytes, lowercase hex.</summary>
    public string Sha256 { get; }

    /// <summary>
    /// Content whose <paramref name="length"/> and <paramref name="sha256"/> the caller computed while writing
    /// <paramref name="source"/>, so it is not read twice. Takes ownership of <paramref name="source"/>.
    /// </summary>
    public static PageContent Hashed(Stream source, long length, string sha256)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        if (!source.CanRead || !source.CanSeek)
        {
            throw new ArgumentException("The page's source must be readable and seekable.", nameof(source));
        }

        return new PageContent(source, length, sha256);
    }

    /// <summary>
    /// Content of <paramref name="source"/> from its start, hashed by reading it once in chunks. Takes ownership of
    /// <paramref name="source"/> once it returns; an <see cref="IOException"/> while hashing leaves it with the caller.
    /// </summary>
    public static PageContent Hash(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        source.Position = 0;
        var hash = SHA256.HashData(source);
        return Hashed(source, source.Position, Convert.ToHexStringLower(hash));
    }

    /// <summary>
    /// Hands <paramref name="write"/> a stream over the bytes from the start, to read to its end once, then makes sure
    /// it read exactly this content. The stream reports <see cref="Length"/> up front (drivers size the value by it)
    /// and throws <see cref="IOException"/> as soon as the source turns out to hold other bytes, so a driver never
    /// finishes a write of them.
    /// </summary>
    /// <exception cref="IOException">The source no longer holds this content, or <paramref name="write"/> did not read all of it.</exception>
    public async Task WriteToAsync(Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        _source.Position = 0;
        await using var stream = new CheckedStream(_source, Length, Sha256);
        await write(stream, cancellationToken).ConfigureAwait(false);
        await stream.EnsureReadToTheEndAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _source.Dispose();

    /// <summary>
    /// Reads the source front to back, hashing and counting. It reports its length, so it says it can seek (Npgsql
    /// copies a seekable stream as it goes, but buffers any other whole), yet it is read once and never moved.
    /// </summary>
    private sealed class CheckedStream(Stream source, long length, string sha256) : Stream
    {
        private const string Changed = "The page file no longer holds the bytes that were hashed; the page was not stored.";

        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _read;
        private bool _checked;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Took(buffer, source.Read(buffer));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Took(buffer.Span, count);
        }

        /// <summary>After the writer is done: nothing may be left to read, and what was read must be the content.</summary>
        public async Task EnsureReadToTheEndAsync(CancellationToken cancellationToken)
        {
            if (_checked)
            {
                return;
            }

            var probe = new byte[1];
            if (await ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
            {
                throw new IOException("The page was not stored whole.");
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Took(ReadOnlySpan<byte> buffer, int count)
        {
            if (count > 0)
            {
                _read += count;
                if (_read > length)
                {
                    throw new IOException(Changed);
                }

                _hash.AppendData(buffer[..count]);
            }
            else if (!buffer.IsEmpty && !_checked)
            {
                if (_read != length || Convert.ToHexStringLower(_hash.GetHashAndReset()) != sha256)
                {
                    throw new IOException(Changed);
                }

                _checked = true;
            }

            return count;
        }
    }
}
