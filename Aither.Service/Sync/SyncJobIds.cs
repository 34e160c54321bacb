using System.Globalization;

namespace Aither.Service.Sync;

/// <summary>Job ids are <c>sync-&lt;n&gt;</c>, n the start in unix milliseconds, raised where needed to stay unique and ordered.</summary>
public static class SyncJobIds
{
    public const string Prefix = "sync-";

    public static bool TryParseSequence(string jobId, out long sequence)
    {
        sequence = 0;
        return jobId.StartsWith(Prefix, StringComparison.Ordinal)
            && jobId.Length > Prefix.Length
            && jobId.AsSpan(Prefix.Length).IndexOfAnyExceptInRange('0', '9') < 0
            && long.TryParse(jobId.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
