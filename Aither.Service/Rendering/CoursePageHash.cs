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
    public static string Compute(string templateIdentity, CourseDetail course)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var writer = new CanonicalWriter(hash);
        writer.Write(CanonicalFormat);
        writer.Write(templateIdentity);

        writer.Write(course.Id);
        writer.Write(course.Title);
        writer.Write(course.Slug);
        writer.Write(course.Level.ToString());
        writer.Write(course.StartDate);
        writer.Write(course.EndDate);

        var participants = ParticipantOrder.Sort(course.Participants);
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

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private readonly struct CanonicalWriter(IncrementalHash hash)
    {
        private const byte Absent = 0;
        private const byte Present = 1;

        public void Write(string? value)
        {
            if (value is null)
            {
                hash.AppendData([Absent]);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            Span<byte> header = stackalloc byte[5];
            header[0] = Present;
            BinaryPrimitives.WriteInt32BigEndian(header[1..], bytes.Length);
            hash.AppendData(header);
            hash.AppendData(bytes);
        }

        public void Write(DateTimeOffset? value) =>
            Write(value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));

        public void Write(int value) => Write(value.ToString(CultureInfo.InvariantCulture));
    }
}
