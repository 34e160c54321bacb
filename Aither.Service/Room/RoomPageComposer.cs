using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Aither.Service.Room;

/// <summary>
/// Turns a page as written to disk into the copy <c>/room</c> serves: the same bytes with one refresh script
/// inserted before <c>&lt;/body&gt;</c>. The script asks, every <c>ROOM_REFRESH_SECONDS</c>, with a HEAD request
/// and <c>If-None-Match</c> whether the page changed, and reloads only when it did (or when the credentials
/// stopped working, so the browser asks again). The file itself stays script-free for static hosting and print.
/// </summary>
public sealed partial class RoomPageComposer
{
    private const string BodyEnd = "</body>";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly int _refreshMilliseconds;
    private readonly byte[] _identity;
    private readonly RoomPage _notSynchronized;
    private readonly RoomPage _noUpcomingCourse;

    public RoomPageComposer(IOptions<RoomOptions> options)
    {
        _refreshMilliseconds = checked(options.Value.RefreshSeconds * 1000);
        // What, besides the file, determines the served bytes: the script's text and the interval.
        _identity = SHA256.HashData(Utf8.GetBytes(Script("", _refreshMilliseconds)));
        _notSynchronized = Compose(RoomPlaceholderPages.Html(RoomPlaceholder.NotSynchronized));
        _noUpcomingCourse = Compose(RoomPlaceholderPages.Html(RoomPlaceholder.NoUpcomingCourse));
    }

    /// <summary>The served copy of <paramref name="file"/>, hashing it first.</summary>
    public RoomPage Compose(byte[] file) => Compose(file, Convert.ToHexStringLower(SHA256.HashData(file)));

    public RoomPage Placeholder(RoomPlaceholder placeholder) =>
        placeholder == RoomPlaceholder.NoUpcomingCourse ? _noUpcomingCourse : _notSynchronized;

    /// <summary>
    /// The served copy of <paramref name="file"/>: its bytes unchanged, plus the refresh script. The ETag is built
    /// from <paramref name="sha256"/> (the file's SHA-256, lowercase hex, as the state store keeps it) and the
    /// script, so every instance serving the same stored page sends the same ETag without hashing the page again.
    /// </summary>
    public RoomPage Compose(byte[] file, string sha256)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(sha256);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_identity);
        hash.AppendData(Utf8.GetBytes(sha256));
        var version = Convert.ToHexStringLower(hash.GetHashAndReset(), 0, 16);
        var etag = new EntityTagHeaderValue($"\"{version}\"");

        var script = Script(etag.Tag.ToString(), _refreshMilliseconds);
        var element = Utf8.GetBytes($"<script>{script}</script>\n");
        var at = InsertionPoint(file);
        var body = new byte[file.Length + element.Length];
        file.AsSpan(0, at).CopyTo(body);
        element.CopyTo(body.AsSpan(at));
        file.AsSpan(at).CopyTo(body.AsSpan(at + element.Length));

        var csp = string.Join("; ",
            "default-src 'none'",
            $"style-src {Sources(StyleHashes(file))}",
            $"script-src {Sources([Sha256(script)])}",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
        return new RoomPage(body, etag, csp);
    }

    /// <summary>
    /// The script's text; <paramref name="etag"/> is the quoted ETag (hex digits in double quotes) of the page it is served with.
    /// The URL is rebuilt from origin and path because fetch refuses a URL with credentials in it, which a kiosk's
    /// start address (<c>https://kiosk:token@host/room</c>) has.
    /// </summary>
    internal static string Script(string etag, int refreshMilliseconds) => string.Create(CultureInfo.InvariantCulture, $$"""
        (() => {
          const version = '{{etag}}';
          const check = async () => {
            try {
              const answer = await fetch(location.origin + location.pathname, { method: "HEAD", headers: { "If-None-Match": version }, cache: "no-store", credentials: "same-origin" });
              if (answer.status === 200 || answer.status === 401) location.reload();
            } catch (offline) {
            }
          };
          setInterval(check, {{refreshMilliseconds}});
        })();
        """).ReplaceLineEndings("\n");

    /// <summary>Just before the last <c>&lt;/body&gt;</c>; at the end when there is none.</summary>
    private static int InsertionPoint(byte[] file)
    {
        var at = file.AsSpan().LastIndexOf(Utf8.GetBytes(BodyEnd));
        return at < 0 ? file.Length : at;
    }

    /// <summary>The hash of every inline <c>&lt;style&gt;</c> in the head; the page has no style attributes.</summary>
    private static IEnumerable<string> StyleHashes(byte[] file)
    {
        var headEnd = file.AsSpan().IndexOf("</head>"u8);
        var head = Utf8.GetString(file, 0, headEnd < 0 ? file.Length : headEnd);
        return StyleElement().Matches(head).Select(m => Sha256(m.Groups["css"].Value)).ToArray();
    }

    private static string Sources(IEnumerable<string> hashes)
    {
        var list = hashes.Select(h => $"'{h}'").ToArray();
        return list.Length == 0 ? "'none'" : string.Join(' ', list);
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Utf8.GetBytes(text)));

    [GeneratedRegex("<style>(?<css>.*?)</style>", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StyleElement();
}
