using System.Buffers.Text;
using System.Text;
using Aither.Service.Sync;

namespace Aither.Service.Api;

/// <summary>
/// The opaque page token of ListSyncJobs: the last job id of the previous page, versioned and base64url-encoded,
/// so callers cannot come to rely on its shape. It holds a position, not a snapshot: pages stay consistent while
/// new jobs are added at the front, because a page continues below the id it names.
/// </summary>
public static class SyncJobPageToken
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    private const string Version = "jobs.v1:";

    public static string Encode(string lastJobId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + lastJobId));

    /// <summary>False for anything <see cref="Encode"/> did not make.</summary>
    public static bool TryDecode(string token, out string? lastJobId)
    {
        lastJobId = null;
        if (token.Length > 128 || !Base64Url.IsValid(token))
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return false;
        }

        if (!text.StartsWith(Version, StringComparison.Ordinal) || !SyncJobIds.TryParseSequence(text[Version.Length..], out _))
        {
            return false;
        }

        lastJobId = text[Version.Length..];
        return true;
    }
}
