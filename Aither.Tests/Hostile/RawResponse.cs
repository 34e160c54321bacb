using System.Globalization;
using System.Text;

namespace Aither.Tests.Hostile;

/// <summary>One HTTP/1.x response read off a socket: status, headers and the (de-chunked) body.</summary>
public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string HeaderText => string.Join("\n", Headers.Select(h => $"{h.Key}: {h.Value}"));

    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>Every complete response in the bytes, in order; an incomplete tail is ignored.</summary>
    public static IEnumerable<RawResponse> ParseAll(byte[] data)
    {
        var position = 0;
        while (position < data.Length && TryParse(data, ref position, out var response))
        {
            yield return response;
        }
    }

    private static bool TryParse(byte[] data, ref int position, out RawResponse response)
    {
        response = null!;
        var headerEnd = IndexOf(data, "\r\n\r\n"u8, position);
        if (headerEnd < 0)
        {
            return false;
        }

        var lines = Encoding.Latin1.GetString(data, position, headerEnd - position).Split("\r\n");
        var statusParts = lines[0].Split(' ', 3);
        if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/", StringComparison.Ordinal)
            || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return false;
        }

        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .Select(p => KeyValuePair.Create(p[0].Trim(), p[1].Trim()))
            .ToList();
        var bodyStart = headerEnd + 4;
        byte[] body;
        var chunked = headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            && h.Value.Contains("chunked", StringComparison.OrdinalIgnoreCase));
        var length = headers.Where(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
        if (status is 100 or 101 or 204 or 304)
        {
            body = [];
            position = bodyStart;
        }
        else if (chunked)
        {
            using var buffer = new MemoryStream();
            var at = bodyStart;
            while (true)
            {
                var lineEnd = IndexOf(data, "\r\n"u8, at);
                if (lineEnd < 0)
                {
                    return false;
                }

                var size = int.Parse(Encoding.Latin1.GetString(data, at, lineEnd - at).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                at = lineEnd + 2;
                if (size == 0)
                {
                    var trailerEnd = IndexOf(data, "\r\n"u8, at);
                    at = trailerEnd < 0 ? data.Length : trailerEnd + 2;
                    break;
                }

                if (at + size > data.Length)
                {
                    return false;
                }

                buffer.Write(data, at, size);
                at += size + 2;
            }

            body = buffer.ToArray();
            position = at;
        }
        else if (length is not null)
        {
            var count = Math.Min(int.Parse(length, CultureInfo.InvariantCulture), data.Length - bodyStart);
            body = data.AsSpan(bodyStart, count).ToArray();
            position = bodyStart + count;
        }
        else
        {
            body = data.AsSpan(bodyStart).ToArray();
            position = data.Length;
        }

        response = new RawResponse(status, headers, body);
        return true;
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> value, int start)
    {
        var index = data.AsSpan(start).IndexOf(value);
        return index < 0 ? -1 : start + index;
    }
}
