using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aither.Service.Hemera;

namespace Aither.Service.Rendering;

/// <summary>
/// The content hash that decides whether the page must be rewritten: SHA-256 over the template's identity and
/// everything the page shows, in a canonical form. Every field is written with a presence byte and a length
/// prefix, so no two different inputs share an encoding; participants go in page order and dates in UTC, so
/// the hash does not depend on how Hemera ordered or formatted its answer. The generation time is left out on
/// purpose: it changes on every run and would defeat the comparison.
/// </summary>
public static class CoursePageHash
{
    private const string CanonicalFormat = "aither.course-page.v1";

    /// <returns>64 lowercase hex characters.</returns>
    public static string Compute(string templateIdentity, CourseDetail course) => Compute(templateIdentity, new OrderedCourse(course));

    /// <returns>64 lowercase hex characters.</returns>
    public static string Compute(string templateIdentity, OrderedCourse ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var course = ordered.Course;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var writer = new CanonicalWriter(hash);
        writer.Write(CanonicalFormat);
        writer.Write(templateIdentity);

        writer.Write(course.Id);
        writer.Write(course.Title);
        writer.Write(course.Slug);
        writer.Write(course.Level.ToString());
        writer.Write(course.StartDate);
        writer.Write(course.EndDate);

        var participants = ordered.Participants;
        writer.Write(participants.Count);
        foreach (var participant in participants)
        {
            writer.Write(participant.Name);
            writer.Write(participant.Status);
            writer.Write(participant.PreparationIntent);
            writer.Write(participant.DesiredResults);
            writer.Write(participant.LineManagerProfile);
            writer.Write(participant.PreparationCompletedAt);
        }

        writer.Flush();
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Collects the canonical bytes in one pooled buffer and hands them to the hash a buffer at a time: an array and
    /// two calls into the hash per field cost about as much as the hashing itself for thousands of participants.
    /// </summary>
    private sealed class CanonicalWriter(IncrementalHash hash) : IDisposable
    {
        private const byte Absent = 0;
        private const byte Present = 1;
        private const int HeaderLength = 1 + sizeof(int);
        private const int BufferLength = 64 * 1024;
        private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

        // The longest field that is formatted rather than encoded: a date in DateFormat, or an int.
        private const int FormattedLength = 32;

        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BufferLength);
        private int _used;

        private Span<byte> Free => _buffer.AsSpan(_used);

        public void Write(string? value)
        {
            if (value is null)
            {
                Reserve(1);
                _buffer![_used++] = Absent;
                return;
            }

            var maxLength = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (HeaderLength + maxLength > BufferLength)
            {
                WriteLong(value);
                return;
            }

            Reserve(HeaderLength + maxLength);
            var length = Encoding.UTF8.GetBytes(value, Free[HeaderLength..]);
            WriteHeader(length);
            _used += length;
        }

        public void Write(DateTimeOffset? value)
        {
            if (value is null)
            {
                Write((string?)null);
                return;
            }

            Reserve(HeaderLength + FormattedLength);
            if (!value.Value.ToUniversalTime().TryFormat(Free[HeaderLength..], out var length, DateFormat, CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("A date did not fit its canonical form's buffer.");
            }

            WriteHeader(length);
            _used += length;
        }

        public void Write(int value)
        {
            Reserve(HeaderLength + FormattedLength);
            if (!value.TryFormat(Free[HeaderLength..], out var length, provider: CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException("A number did not fit its canonical form's buffer.");
            }

            WriteHeader(length);
            _used += length;
        }

        /// <summary>Hands what is left in the buffer to the hash; call before reading the hash.</summary>
        public void Flush()
        {
            hash.AppendData(_buffer!, 0, _used);
            _used = 0;
        }

        public void Dispose()
        {
            if (_buffer is { } buffer)
            {
                _buffer = null;
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        /// <summary>Writes the header of a present value of <paramref name="length"/> bytes, which go right after it.</summary>
        private void WriteHeader(int length)
        {
            var header = Free;
            header[0] = Present;
            BinaryPrimitives.WriteInt32BigEndian(header[1..], length);
            _used += HeaderLength;
        }

        private void Reserve(int length)
        {
            if (BufferLength - _used < length)
            {
                Flush();
            }
        }

        private void WriteLong(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            Reserve(HeaderLength);
            WriteHeader(length);
            Flush();

            var bytes = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var written = Encoding.UTF8.GetBytes(value, bytes);
                hash.AppendData(bytes, 0, written);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }
}
