namespace Aither.Service.Sync;

/// <summary>
/// How a job status is spelled wherever it leaves the process as text: the REST contract, the sync.completed log
/// line, Rollbar items, metric tags and the state database.
/// </summary>
public static class SyncJobStatusText
{
    public const string Running = "running";
    public const string Success = "success";
    public const string Failed = "failed";

    public static string ToText(this SyncJobStatus status) => status switch
    {
        SyncJobStatus.Running => Running,
        SyncJobStatus.Success => Success,
        SyncJobStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string text, out SyncJobStatus status)
    {
        (var known, status) = text switch
        {
            Running => (true, SyncJobStatus.Running),
            Success => (true, SyncJobStatus.Success),
            Failed => (true, SyncJobStatus.Failed),
            _ => (false, default),
        };
        return known;
    }
}
